"""The XLSX registers of the warranty desk (addons/aftersales_warranty/tools/registers.py)
written by the suite's workbook writer and read back with openpyxl; no database."""

import datetime
import importlib.util
import io
import pathlib

import openpyxl
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, ROOT / "addons" / path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


registers = _load("warranty_registers", "aftersales_warranty/tools/registers.py")
workbook = _load("warranty_workbook", "aftersales_repair/tools/workbook.py")


def _read(spec):
    content = workbook.build_workbook([spec])
    return openpyxl.load_workbook(io.BytesIO(content)).active


def _rows(sheet):
    return list(sheet.iter_rows(values_only=True))


def test_awaiting_return_headers_totals_and_frozen_header():
    rows = [
        (
            "DPR/1",
            "WPR/1",
            "Seal",
            "Tech A",
            2.0,
            60.0,
            datetime.date(2026, 11, 2),
            datetime.date(2026, 11, 5),
            3,
            "Due",
        ),
        (
            "DPR/2",
            "WPR/2",
            "Controller",
            "East Dealer",
            1.0,
            610.0,
            datetime.date(2026, 10, 1),
            datetime.date(2026, 10, 31),
            -2,
            "Overdue",
        ),
    ]
    sheet = _read(registers.register_sheet("awaiting_return", rows, subtitle="Forklift Co"))
    assert sheet.title == "Awaiting return"
    assert sheet["A1"].value == "Issued warranty parts awaiting their defective part"
    assert sheet["A2"].value == "Forklift Co"
    header = [cell.value for cell in sheet[4]]
    assert header == [
        "Return",
        "Request",
        "Part",
        "Returned by",
        "Quantity",
        "Cost",
        "Issued on",
        "Due on",
        "Days left",
        "Status",
    ]
    assert sheet["A4"].font.bold
    assert sheet.freeze_panes == "A5"
    total = sheet[7]
    assert total[0].value == "Total"
    assert total[4].value == "=SUM(E5:E6)"
    assert total[5].value == "=SUM(F5:F6)"
    assert total[8].value is None, "days left are not summed"
    assert sheet["I6"].value == -2


def test_grouped_register_one_table_per_approver():
    groups = [
        (
            "Quality Manager",
            [("WPR/3", "Tech A", "Tech A", "SN1", "Normal", datetime.date(2026, 11, 1), 2, 900.0)],
        ),
        (
            "Service VP",
            [
                (
                    "WPR/4",
                    "Tech B",
                    "East Dealer",
                    "SN2",
                    "Urgent",
                    datetime.date(2026, 11, 2),
                    1,
                    2500.0,
                ),
                (
                    "WPR/5",
                    "Tech B",
                    "East Dealer",
                    "SN3",
                    "Normal",
                    datetime.date(2026, 11, 2),
                    1,
                    3000.0,
                ),
            ],
        ),
    ]
    sheet = _read(registers.register_sheet("open_requests", groups))
    values = _rows(sheet)
    firsts = [row[0] for row in values]
    assert firsts.count("Request") == 2
    assert "Quality Manager" in firsts and "Service VP" in firsts
    totals = [row for row in values if row[0] == "Total"]
    assert len(totals) == 2
    assert totals[1][7].startswith("=SUM(")


def test_empty_register_and_translated_labels():
    spec = registers.register_sheet(
        "inspections_pending", [], labels={"Return": "Retour", "Total": "Totaal"}
    )
    sheet = _read(spec)
    values = _rows(sheet)
    assert values[2][0] == "Retour", "no subtitle: the header is on row 3"
    assert values[3][0] == "No returned part waits for an inspection."
    spec = registers.register_sheet("claims_by_vendor", [])
    assert spec["tables"][0]["rows"] == []


def test_unknown_register_refused():
    with pytest.raises(ValueError, match="Unknown register"):
        registers.register_sheet("stock_value", [])
