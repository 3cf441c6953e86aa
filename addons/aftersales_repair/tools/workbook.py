# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write a formatted XLSX workbook from plain "sheet specs" (pure Python, no Odoo).

The monthly after-sales workbook is gathered by the Odoo models (one method per module returns
its sheet specs) and written here, so that the layout is the same on every sheet and can be
tested without a database.

A sheet spec is a dict::

    {
        "name": "Repairs",                    # tab name (31 characters at most)
        "title": "Repairs of November 2026",  # bold title in A1
        "subtitle": "Amounts in EUR",         # optional, A2 (units, company, period)
        "tables": [                           # written one below the other
            {
                "title": "By product",        # optional heading above the table
                "columns": [
                    {"header": "Product", "type": "text", "width": 32},
                    {"header": "Repairs", "type": "integer"},
                    {"header": "Charged (EUR)", "type": "money"},
                    {"header": "On time", "type": "percent", "total": "average"},
                ],
                "rows": iterable_of_sequences,  # streamed: may be a generator
                "totals": True,                 # a total row (sum of numeric columns)
                "total_label": "Total",
                "empty_message": "No repair this month.",
            },
        ],
        "chart": {                            # optional, at most one per sheet
            "table": 0, "type": "column", "title": "Repairs by category",
            "category_column": 0, "value_columns": [1], "y_axis": "Repairs",
        },
    }

Column types: text, integer, number, money, percent (a ratio: 0.95 shows as 95.0 %), date.
Numeric columns are summed in the total row unless ``"total": None``; percent columns are not
summed (``"total": "average"`` writes the mean, ``"total": {"ratio": (2, 1)}`` the total of
column 2 divided by the total of column 1, e.g. an on-time rate). The first table's header
row is frozen. With ``constant_memory`` (the default) rows are flushed to disk as they are
written, so the memory used stays flat however many rows a month has.
"""

import io
import re

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

NUMBER_FORMATS = {
    "text": None,
    "integer": "#,##0",
    "number": "#,##0.00",
    "money": "#,##0.00",
    "percent": "0.0%",
    "date": "yyyy-mm-dd",
}
NUMERIC_TYPES = ("integer", "number", "money")
DEFAULT_WIDTHS = {
    "text": 28,
    "integer": 12,
    "number": 14,
    "money": 16,
    "percent": 12,
    "date": 12,
}
MAX_WIDTH = 60
_INVALID_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


class WorkbookSpecError(ValueError):
    """A sheet spec that cannot be written (unknown column type, duplicate sheet name...)."""


def sheet_name(name, used=()):
    """A valid, unique worksheet name: no []:*?/\\ characters, 31 characters at most."""
    base = _INVALID_SHEET_CHARS.sub(" ", str(name or "Sheet")).strip()[:31] or "Sheet"
    candidate, index = base, 2
    lowered = {u.lower() for u in used}
    while candidate.lower() in lowered:
        suffix = f" ({index})"
        candidate = base[: 31 - len(suffix)] + suffix
        index += 1
    return candidate


class _Formats:
    def __init__(self, workbook):
        self.workbook = workbook
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True, "font_color": "#595959"})
        self.table_title = workbook.add_format({"bold": True, "font_size": 11})
        self.header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#1F4E78",
                "font_color": "#FFFFFF",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        )
        self.empty = workbook.add_format({"italic": True, "font_color": "#7F7F7F"})
        self.cell = {}
        self.total = {}
        for kind, num_format in NUMBER_FORMATS.items():
            props = {"border": 1, "border_color": "#BFBFBF"}
            if num_format:
                props["num_format"] = num_format
            self.cell[kind] = workbook.add_format(props)
            total_props = dict(props, bold=True, top=2, bg_color="#DDEBF7")
            self.total[kind] = workbook.add_format(total_props)


def _check_columns(columns):
    if not columns:
        raise WorkbookSpecError("A table needs at least one column.")
    for column in columns:
        kind = column.get("type", "text")
        if kind not in NUMBER_FORMATS:
            raise WorkbookSpecError(
                f"Unknown column type {kind!r} for column {column.get('header')!r}; "
                f"use one of {', '.join(NUMBER_FORMATS)}."
            )


def _total_mode(column):
    kind = column.get("type", "text")
    default = "sum" if kind in NUMERIC_TYPES else None
    return column.get("total", default)


def _write_table(worksheet, formats, table, row, widths):
    """Write one table from ``row``; return (next free row, header row, first, last data row)."""
    columns = table["columns"]
    _check_columns(columns)
    if table.get("title"):
        worksheet.write_string(row, 0, table["title"], formats.table_title)
        row += 1
    header_row = row
    for col, column in enumerate(columns):
        header = str(column.get("header", ""))
        worksheet.write_string(row, col, header, formats.header)
        kind = column.get("type", "text")
        base = column.get("width") or (12 if kind == "text" else DEFAULT_WIDTHS[kind])
        widths[col] = max(widths.get(col, 0), base, min(len(header) + 2, MAX_WIDTH))
    row += 1
    first_data_row = row
    sums = [0.0] * len(columns)
    counts = [0] * len(columns)
    for values in table.get("rows") or ():
        for col, column in enumerate(columns):
            value = values[col] if col < len(values) else None
            kind = column.get("type", "text")
            if value is None or value is False:
                worksheet.write_blank(row, col, None, formats.cell[kind])
                continue
            if kind == "text":
                text = str(value)
                worksheet.write_string(row, col, text, formats.cell[kind])
                if not column.get("width"):
                    widths[col] = max(widths.get(col, 0), min(len(text) + 2, MAX_WIDTH))
            elif kind == "date":
                worksheet.write_datetime(row, col, value, formats.cell[kind])
            else:
                worksheet.write_number(row, col, value, formats.cell[kind])
                sums[col] += value
                counts[col] += 1
        row += 1
    last_data_row = row - 1
    if last_data_row < first_data_row:
        worksheet.write_string(
            row, 0, table.get("empty_message") or "No data for this period.", formats.empty
        )
        return row + 2, header_row, first_data_row, last_data_row
    if table.get("totals", True):
        worksheet.write_string(row, 0, table.get("total_label") or "Total", formats.total["text"])
        for col, column in enumerate(columns[1:], start=1):
            kind = column.get("type", "text")
            mode = _total_mode(column)
            first = xl_rowcol_to_cell(first_data_row, col)
            last = xl_rowcol_to_cell(last_data_row, col)
            if mode == "sum":
                worksheet.write_formula(
                    row, col, f"=SUM({first}:{last})", formats.total[kind], round(sums[col], 6)
                )
            elif mode == "average" and counts[col]:
                worksheet.write_formula(
                    row,
                    col,
                    f"=AVERAGE({first}:{last})",
                    formats.total[kind],
                    round(sums[col] / counts[col], 6),
                )
            elif isinstance(mode, dict) and "ratio" in mode:
                numerator, denominator = mode["ratio"]
                num_cell = xl_rowcol_to_cell(row, numerator)
                den_cell = xl_rowcol_to_cell(row, denominator)
                value = sums[numerator] / sums[denominator] if sums[denominator] else 0.0
                worksheet.write_formula(
                    row,
                    col,
                    f"=IF({den_cell}=0,0,{num_cell}/{den_cell})",
                    formats.total[kind],
                    round(value, 6),
                )
            else:
                worksheet.write_blank(row, col, None, formats.total[kind])
        row += 1
    return row + 1, header_row, first_data_row, last_data_row


def _insert_chart(workbook, worksheet, name, spec, tables_written):
    index = spec.get("table", 0)
    if index >= len(tables_written):
        raise WorkbookSpecError(f"Chart of sheet {name!r} refers to a missing table {index}.")
    columns, header_row, first, last = tables_written[index]
    if last < first:
        return  # nothing to draw
    chart = workbook.add_chart({"type": spec.get("type", "column")})
    category_col = spec.get("category_column", 0)
    for value_col in spec.get("value_columns", [1]):
        chart.add_series(
            {
                "name": [name, header_row, value_col],
                "categories": [name, first, category_col, last, category_col],
                "values": [name, first, value_col, last, value_col],
                "data_labels": {"value": True},
            }
        )
    chart.set_title({"name": spec.get("title") or name})
    if spec.get("y_axis"):
        chart.set_y_axis({"name": spec["y_axis"]})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 340})
    worksheet.insert_chart(header_row, len(columns) + 1, chart)


def build_workbook(sheets, constant_memory=True, properties=None):
    """Return the XLSX file (bytes) made of the given sheet specs, in order."""
    output = io.BytesIO()
    options = {"constant_memory": True} if constant_memory else {"in_memory": True}
    workbook = xlsxwriter.Workbook(output, options)
    if properties:
        workbook.set_properties(properties)
    formats = _Formats(workbook)
    used_names = []
    for spec in sheets:
        name = sheet_name(spec.get("name"), used_names)
        used_names.append(name)
        worksheet = workbook.add_worksheet(name)
        worksheet.set_landscape()
        worksheet.fit_to_pages(1, 0)
        worksheet.write_string(0, 0, spec.get("title") or name, formats.title)
        row = 1
        if spec.get("subtitle"):
            worksheet.write_string(1, 0, spec["subtitle"], formats.subtitle)
            row = 2
        row += 1
        widths = {}
        tables_written = []
        for table in spec.get("tables", ()):
            next_row, header_row, first, last = _write_table(
                worksheet, formats, table, row, widths
            )
            if not tables_written:
                worksheet.freeze_panes(header_row + 1, 0)
                worksheet.repeat_rows(header_row)
            tables_written.append((table["columns"], header_row, first, last))
            row = next_row
        for col, width in widths.items():
            worksheet.set_column(col, col, min(width, MAX_WIDTH))
        if spec.get("chart"):
            _insert_chart(workbook, worksheet, name, spec["chart"], tables_written)
    if not used_names:
        workbook.add_worksheet("Empty").write_string(0, 0, "No data.")
    workbook.close()
    return output.getvalue()
