# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime
import json
import re

from dateutil.relativedelta import relativedelta

from odoo.tests import TransactionCase
from odoo.tools.safe_eval import safe_eval

FORMULA_REF = re.compile(
    r"(PIVOT\.VALUE|PIVOT\.HEADER|PIVOT|ODOO\.LIST|ODOO\.LIST\.HEADER)\((\d+)"
)


class DashboardCommon(TransactionCase):
    """Checks a shipped spreadsheet dashboard against the registry: every pivot, list, chart
    and global-filter field exists and each data source can be read by a given user."""

    def _dashboard_data(self, xmlid):
        dashboard = self.env.ref(xmlid)
        return dashboard, json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))

    def _domain(self, domain):
        if isinstance(domain, str):
            today = datetime.date.today()
            domain = safe_eval(
                domain, {"context_today": lambda: today, "relativedelta": relativedelta}
            )
        return domain

    def _field(self, model, chain):
        """The field at the end of a dotted chain (a groupby's ":month" dropped)."""
        Model = self.env[model]
        field = None
        for name in chain.split(":")[0].split("."):
            self.assertIn(name, Model._fields, f"{model}: no field {name} (chain {chain})")
            field = Model._fields[name]
            if field.relational:
                Model = self.env[field.comodel_name]
        return field

    def _aggregates(self, model, measures):
        aggregates = []
        for measure in measures:
            if measure == "__count":
                aggregates.append("__count")
                continue
            field = self._field(model, measure)
            self.assertTrue(field.store, f"{model}.{measure} is not stored: no aggregate")
            self.assertTrue(field.aggregator, f"{model}.{measure} has no aggregator")
            aggregates.append(f"{measure}:{field.aggregator}")
        return aggregates

    def assertDashboardReadable(self, xmlid, user):
        """Every data source of the dashboard loads for ``user``; returns the parsed JSON."""
        dashboard, data = self._dashboard_data(xmlid)
        self.assertIn(
            dashboard,
            self.env["spreadsheet.dashboard"].with_user(user).search([]),
            f"{user.login} does not see the dashboard",
        )
        readonly = dashboard.with_user(user).get_readonly_dashboard()
        self.assertEqual(readonly["snapshot"]["pivots"].keys(), data["pivots"].keys())
        filters = {f["id"]: f for f in data.get("globalFilters", [])}
        sources = []
        for pivot in data["pivots"].values():
            self.assertEqual(pivot["type"], "ODOO")
            model = pivot["model"]
            self.assertIn(model, self.env, f"pivot {pivot['name']}: no model {model}")
            groupby = [d["fieldName"] for d in pivot["rows"] + pivot["columns"]]
            for name in groupby:
                self.assertTrue(
                    self._field(model, name)._description_groupable(self.env), f"{model}.{name}"
                )
            aggregates = self._aggregates(model, [m["fieldName"] for m in pivot["measures"]])
            self.env[model].with_user(user)._read_group(
                self._domain(pivot["domain"]), groupby, aggregates
            )
            sources.append((model, pivot.get("fieldMatching", {})))
        for lst in data["lists"].values():
            model = lst["model"]
            self.assertIn(model, self.env, f"list {lst['name']}: no model {model}")
            for name in lst["columns"]:
                self._field(model, name)
            order = ", ".join(
                "{} {}".format(o["name"], "asc" if o["asc"] else "desc") for o in lst["orderBy"]
            )
            records = (
                self.env[model]
                .with_user(user)
                .search(self._domain(lst["domain"]), order=order, limit=10)
            )
            records.read(lst["columns"])
            sources.append((model, lst.get("fieldMatching", {})))
        for sheet in data["sheets"]:
            for figure in sheet["figures"]:
                chart = figure["data"]
                if not chart["type"].startswith("odoo_"):
                    continue
                meta, search = chart["metaData"], chart["searchParams"]
                model = meta["resModel"]
                aggregates = self._aggregates(model, [meta["measure"]])
                for name in meta["groupBy"]:
                    self.assertTrue(
                        self._field(model, name)._description_groupable(self.env),
                        f"{model}.{name}",
                    )
                self.env[model].with_user(user)._read_group(
                    self._domain(search["domain"]), meta["groupBy"], aggregates
                )
                sources.append((model, chart.get("fieldMatching", {})))
            # formulas name existing pivots and lists only
            for cell in sheet["cells"].values():
                for func, ref in FORMULA_REF.findall(cell.get("content", "")):
                    store = data["lists"] if func.startswith("ODOO.LIST") else data["pivots"]
                    self.assertIn(ref, store, f"{cell['content']}: no data source {ref}")
        for model, matching in sources:
            for filter_id, match in matching.items():
                self.assertIn(filter_id, filters)
                field = self._field(model, match["chain"])
                self.assertEqual(field.type, match["type"], f"{model}.{match['chain']}")
        return data
