"""Cells as printed in disclosure PDFs, and the numbers they mean."""

import pytest

from ingest.numbers import AmbiguousCell, in_wan, to_number, to_rate


@pytest.mark.parametrize(
    "cell, value",
    [
        ("1,467.16", 1467.16),
        ("461. 49", 461.49),  # stray space from the text layer
        ("461, 49", 461.49),  # comma for the decimal point
        ("１，４６７．１６", 1467.16),  # full-width digits
        ("", 0.0),
        (None, 0.0),
        ("-", 0.0),
        ("—", 0.0),
        ("(12.3)", -12.3),
        ("-5.00", -5.0),
        ("5 0.6 0", 50.6),  # character-spaced digits
        ("2,940.05\n", 2940.05),
        ("96,282,213.44", 96282213.44),
    ],
)
def test_cells_to_numbers(cell, value):
    assert to_number(cell) == pytest.approx(value)


@pytest.mark.parametrize("cell", ["12.00 3.00", "合计", "1.2.3", "12.00\n3.00"])
def test_a_cell_with_two_numbers_or_text_is_reported_not_guessed(cell):
    with pytest.raises(AmbiguousCell):
        to_number(cell)


@pytest.mark.parametrize(
    "cell, rate",
    [("99.26%", 0.9926), ("99.26\n%", 0.9926), ("0%", 0.0), ("100", 1.0), ("0.4786", 0.4786), ("", None)],
)
def test_rates_are_fractions(cell, rate):
    assert to_rate(cell) == (pytest.approx(rate) if rate is not None else None)


@pytest.mark.parametrize("value, factor, wan", [(1234567.89, 0.0001, 123.456789), (30.0, 0.0001, 0.003),
                                                (2615420.0, 0.0001, 261.542), (1467.16, 1.0, 1467.16)])
def test_amounts_in_wan_are_exact_even_from_yuan(value, factor, wan):
    """元 / 10000 kept to the 元's cents (no rounding to 0.01 万元), without the float noise of the division."""
    assert in_wan(value, factor) == wan
