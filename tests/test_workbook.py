"""The XLSX writer of the monthly after-sales workbook
(addons/aftersales_repair/tools/workbook.py), read back with openpyxl; no database."""

import datetime
import importlib.util
import io
import pathlib

import openpyxl
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "aftersales_workbook", ROOT / "addons" / "aftersales_repair" / "tools" / "workbook.py"
)
workbook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(workbook)


def _repairs_sheet(rows=None):
    return {
        "name": "Repairs",
        "title": "Repairs of November 2026",
        "subtitle": "Forklift Co · amounts in EUR",
        "tables": [
            {
                "title": "By product",
                "columns": [
                    {"header": "Product", "type": "text", "width": 30},
                    {"header": "Repairs", "type": "integer"},
                    {"header": "Charged (EUR)", "type": "money"},
                    {"header": "On time", "type": "percent", "total": "average"},
                ],
                "rows": iter(
                    rows
                    if rows is not None
                    else [("EF-25", 3, 1250.5, 1.0), ("EF-35", 2, 300.25, 0.5)]
                ),
            },
            {
                "title": "By cause",
                "columns": [
                    {"header": "Cause", "type": "text"},
                    {"header": "Repairs", "type": "integer"},
                ],
                "rows": [("Wear", 4), ("User damage", 1)],
                "totals": False,
            },
        ],
        "chart": {"table": 0, "title": "Repairs by product", "value_columns": [1]},
    }


def _open(data):
    return openpyxl.load_workbook(io.BytesIO(data), data_only=True)


def test_sheet_layout_totals_and_formats():
    book = _open(workbook.build_workbook([_repairs_sheet()]))
    assert book.sheetnames == ["Repairs"]
    sheet = book["Repairs"]
    assert sheet["A1"].value == "Repairs of November 2026"
    assert sheet["A1"].font.b
    assert sheet["A2"].value == "Forklift Co · amounts in EUR"
    # title, subtitle, blank line, table title, header row (5), data from row 6
    assert sheet["A4"].value == "By product"
    assert [c.value for c in sheet[5]][:4] == ["Product", "Repairs", "Charged (EUR)", "On time"]
    assert sheet.freeze_panes == "A6"
    assert sheet["A6"].value == "EF-25"
    assert sheet["C6"].number_format == "#,##0.00"
    assert sheet["D7"].number_format == "0.0%"
    # the total row keeps the figures (cached values of the SUM formulas)
    assert sheet["A8"].value == "Total"
    assert sheet["B8"].value == 5
    assert sheet["C8"].value == pytest.approx(1550.75)
    assert sheet["D8"].value == pytest.approx(0.75)
    assert sheet.column_dimensions["A"].width == pytest.approx(30, abs=1)
    # second table below, without a total row
    assert sheet["A10"].value == "By cause"
    assert sheet["A13"].value == "User damage"
    assert sheet["A14"].value is None
    assert len(sheet._charts) == 1


def test_formulas_are_written_for_totals():
    book = openpyxl.load_workbook(io.BytesIO(workbook.build_workbook([_repairs_sheet()])))
    assert book["Repairs"]["B8"].value == "=SUM(B6:B7)"


def test_empty_table_says_so_and_has_no_total():
    sheet = _open(workbook.build_workbook([_repairs_sheet(rows=[])]))["Repairs"]
    assert sheet["A6"].value == "No data for this period."
    assert sheet["A7"].value is None


def test_dates_and_blank_cells():
    data = workbook.build_workbook(
        [
            {
                "name": "Collections",
                "title": "Collections",
                "tables": [
                    {
                        "columns": [
                            {"header": "Date", "type": "date"},
                            {"header": "Amount", "type": "money"},
                        ],
                        "rows": [(datetime.date(2026, 11, 2), 50.0), (None, None)],
                    }
                ],
            }
        ],
        constant_memory=False,
    )
    sheet = _open(data)["Collections"]
    assert sheet["A4"].value == datetime.datetime(2026, 11, 2)
    assert sheet["B6"].value == 50.0


def test_sheet_names_are_sanitised_and_unique():
    assert workbook.sheet_name("Parts: issued/returned") == "Parts  issued returned"
    assert workbook.sheet_name("Money", ["money"]) == "Money (2)"
    assert len(workbook.sheet_name("x" * 40)) == 31


def test_unknown_column_type_is_refused():
    sheet = _repairs_sheet()
    sheet["tables"][0]["columns"][1]["type"] = "currency"
    with pytest.raises(workbook.WorkbookSpecError, match="Unknown column type"):
        workbook.build_workbook([sheet])


def test_large_table_streams_in_constant_memory():
    rows = ((f"Serial {i:06d}", 1, 10.0) for i in range(20000))
    data = workbook.build_workbook(
        [
            {
                "name": "Lines",
                "title": "Lines",
                "tables": [
                    {
                        "columns": [
                            {"header": "Serial", "type": "text"},
                            {"header": "Repairs", "type": "integer"},
                            {"header": "Charged", "type": "money"},
                        ],
                        "rows": rows,
                    }
                ],
            }
        ]
    )
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)["Lines"]
    last = list(sheet.iter_rows(min_row=20004, max_row=20004, values_only=True))[0]
    assert last[:3] == ("Total", 20000, 200000)


def test_ratio_total_is_the_rate_of_the_totals():
    data = workbook.build_workbook(
        [
            {
                "name": "On time",
                "title": "On time",
                "tables": [
                    {
                        "columns": [
                            {"header": "Target", "type": "text"},
                            {"header": "Due", "type": "integer"},
                            {"header": "Met", "type": "integer"},
                            {"header": "Rate", "type": "percent", "total": {"ratio": (2, 1)}},
                        ],
                        "rows": [("Arrival", 3, 3, 1.0), ("Completion", 1, 0, 0.0)],
                    }
                ],
            }
        ]
    )
    sheet = _open(data)["On time"]
    assert sheet["A6"].value == "Total"
    assert sheet["D6"].value == pytest.approx(0.75)
    formulas = openpyxl.load_workbook(io.BytesIO(data))["On time"]
    assert formulas["D6"].value == "=IF(B6=0,0,C6/B6)"
