"""Codes of a table that prints 功能分类 or 经济分类 names only, from the national classification and the line above."""

from ingest.parsers.named_codes import code_of_name, economic_code_of_name


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


def test_numbered_names_as_county_offices_print_them():
    assert code_of_name("一、一般公共服务支出", None) == "201"
    assert code_of_name("（一）财政事务", "201") == "20106"
    assert code_of_name("1.行政运行", "20106") == "2010601"


def test_a_name_not_held_under_its_parent_gets_no_code():
    assert code_of_name("市场主体管理", "2013801") is None  # not in the project's list: never guessed
    assert code_of_name("住房公积金", "20406") is None  # a 项 of another 款 is no child of this one


def test_economic_names_a_kuan_under_the_class_above_else_a_class_else_the_one_kuan_so_named():
    assert economic_code_of_name("工资福利支出", None) == "301"
    assert economic_code_of_name("维修（护）费", "302") == "30213"  # brackets as printed
    assert economic_code_of_name("对个人和家庭的补助", "30299") == "303"  # a new 类 after the last 款
    assert economic_code_of_name("其他支出", "399") == "39999"  # the 款 under its 类, the 类 elsewhere
    assert economic_code_of_name("其他支出", "30201") == "399"
    assert economic_code_of_name("办公费", None) == "30201"  # a 款 no other 类 holds


def test_economic_names_of_two_classes_and_numbered_names():
    assert economic_code_of_name("房屋建筑物购建", None) is None  # 30901 or 31001: never guessed
    assert economic_code_of_name("房屋建筑物购建", "310") == "31001"
    assert economic_code_of_name("一、工资福利支出", None) == "301"
    assert economic_code_of_name("（2）津贴补贴", "30101") == "30102"
    assert economic_code_of_name("临聘人员劳务补助", "301") is None
