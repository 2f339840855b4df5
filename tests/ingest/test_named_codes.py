"""Function codes of a table that prints 功能分类 names only, from the national classification and the line above."""

from ingest.parsers.named_codes import code_of_name


def test_class_then_kuan_then_item_each_under_the_line_above():
    assert code_of_name("公共安全支出", None) == "204"
    assert code_of_name("司法", "204") == "20406"
    assert code_of_name("社区矫正", "2040604") == "2040610"  # a sibling 项 of the line above
    assert code_of_name("社会保障和就业支出", "2040699") == "208"  # a new 类 after the last 项


def test_items_every_kuan_numbers_alike():
    """行政运行 is 01, 事业运行 50, 其他<款>(支出) 99 under any 款, listed or not."""
    assert code_of_name("行政运行", "20138") == "2013801"
    assert code_of_name("事业运行", "20138") == "2013850"
    assert code_of_name("其他市场监督管理事务", "2013801") == "2013899"
    assert code_of_name("其他行政事业单位养老支出", "2080505") == "2080599"


def test_a_name_not_held_under_its_parent_gets_no_code():
    assert code_of_name("市场主体管理", "2013801") is None  # not in the project's list: never guessed
    assert code_of_name("住房公积金", "20406") is None  # a 项 of another 款 is no child of this one
