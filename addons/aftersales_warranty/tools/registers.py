# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sheet specs of the warranty registers (pure Python, no Odoo).

The wizard reads the records, turns them into plain rows and calls ``register_sheet``; the
sheet spec is written by ``odoo.addons.aftersales_repair.tools.workbook.build_workbook``
(formatted headers, a total row per table, the first header row frozen). Both are tested
without a database in ``tests/test_warranty_registers.py``.
"""

REGISTERS = {
    "open_requests": {
        "name": "Open requests",
        "title": "Open warranty part requests by approver",
        "grouped": True,
        "empty": "No request is waiting for this approver.",
        "columns": [
            {"header": "Request", "type": "text", "width": 18},
            {"header": "Requested by", "type": "text", "width": 22},
            {"header": "For", "type": "text", "width": 24},
            {"header": "Serial", "type": "text", "width": 16},
            {"header": "Urgency", "type": "text", "width": 12},
            {"header": "Requested on", "type": "date"},
            {"header": "Days waiting", "type": "integer", "total": None},
            {"header": "Amount", "type": "money"},
        ],
    },
    "awaiting_return": {
        "name": "Awaiting return",
        "title": "Issued warranty parts awaiting their defective part",
        "grouped": False,
        "empty": "No defective part is expected back.",
        "columns": [
            {"header": "Return", "type": "text", "width": 18},
            {"header": "Request", "type": "text", "width": 18},
            {"header": "Part", "type": "text", "width": 30},
            {"header": "Returned by", "type": "text", "width": 24},
            {"header": "Quantity", "type": "number"},
            {"header": "Cost", "type": "money"},
            {"header": "Issued on", "type": "date"},
            {"header": "Due on", "type": "date"},
            {"header": "Days left", "type": "integer", "total": None},
            {"header": "Status", "type": "text", "width": 12},
        ],
    },
    "inspections_pending": {
        "name": "Inspections pending",
        "title": "Returned parts waiting for their inspections",
        "grouped": False,
        "empty": "No returned part waits for an inspection.",
        "columns": [
            {"header": "Return", "type": "text", "width": 18},
            {"header": "Part", "type": "text", "width": 30},
            {"header": "Returned by", "type": "text", "width": 24},
            {"header": "Quantity", "type": "number"},
            {"header": "Cost", "type": "money"},
            {"header": "Received on", "type": "date"},
            {"header": "Service", "type": "text", "width": 20},
            {"header": "Quality", "type": "text", "width": 20},
            {"header": "Days waiting", "type": "integer", "total": None},
        ],
    },
    "claims_by_vendor": {
        "name": "Claims by vendor",
        "title": "Supplier claims by vendor",
        "grouped": True,
        "empty": "No claim for this vendor.",
        "columns": [
            {"header": "Claim", "type": "text", "width": 16},
            {"header": "Part", "type": "text", "width": 30},
            {"header": "Part serial", "type": "text", "width": 16},
            {"header": "Quantity", "type": "number"},
            {"header": "Status", "type": "text", "width": 14},
            {"header": "Outcome", "type": "text", "width": 22},
            {"header": "Claimed", "type": "money"},
            {"header": "Recovered", "type": "money"},
        ],
    },
}


def register_sheet(register, rows, subtitle=None, labels=None):
    """The sheet spec of ``register`` (a key of REGISTERS).

    ``rows``: for a grouped register, a list of ``(group title, rows)`` pairs (one table with
    its own total row per approver or vendor); otherwise a list of rows. A row is a sequence
    of values in the order of the register's columns. ``labels`` optionally translates the
    fixed texts: a dict of ``{english text: translation}``.
    """
    if register not in REGISTERS:
        raise ValueError(f"Unknown register {register!r}; use one of {', '.join(REGISTERS)}.")
    labels = labels or {}
    definition = REGISTERS[register]
    columns = [
        dict(column, header=labels.get(column["header"], column["header"]))
        for column in definition["columns"]
    ]
    empty = labels.get(definition["empty"], definition["empty"])
    groups = rows if definition["grouped"] else [(None, rows)]
    tables = [
        {
            "title": title,
            "columns": columns,
            "rows": list(group_rows),
            "totals": True,
            "total_label": labels.get("Total", "Total"),
            "empty_message": empty,
        }
        for title, group_rows in groups
    ]
    if not tables:
        tables = [{"columns": columns, "rows": [], "empty_message": empty}]
    return {
        "name": labels.get(definition["name"], definition["name"]),
        "title": labels.get(definition["title"], definition["title"]),
        "subtitle": subtitle,
        "tables": tables,
    }
