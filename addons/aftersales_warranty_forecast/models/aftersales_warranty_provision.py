# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date

ACCOUNTANT_GROUP = "account.group_account_invoice"


class AftersalesWarrantyProvision(models.Model):
    """The warranty provision of one company for one month: one journal entry (warranty
    expense against the provision account for the additions; the provision against the
    expense for the usage by the month's warranty repairs and for the release of expired
    warranties). A month is posted once (posting it again does nothing); it is reversed by
    a reversal entry and may then be posted again. Accountants post, others read."""

    _name = "aftersales.warranty.provision"
    _description = "Warranty Provision Month"
    _order = "date_from desc, company_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Month", required=True, readonly=True)
    date_to = fields.Date(string="Entry Date", required=True, readonly=True)
    method = fields.Selection(
        selection=lambda self: (
            self.env["res.company"]
            ._fields["aftersales_provision_method"]
            ._description_selection(self.env)
        ),
        readonly=True,
    )
    state = fields.Selection(
        [("draft", "Not Posted"), ("posted", "Posted"), ("reversed", "Reversed")],
        default="draft",
        required=True,
        readonly=True,
    )
    opening = fields.Monetary(readonly=True, help="Provision balance before this month's entry.")
    units_sold = fields.Integer(readonly=True, help="Units whose warranty started in the month.")
    units_expired = fields.Integer(readonly=True, help="Units whose warranty ended in the month.")
    target = fields.Monetary(
        string="Remaining Liability",
        readonly=True,
        help="Forecast method: the expected cost of the claims of the units in warranty.",
    )
    repair_cost = fields.Monetary(
        string="Warranty Repair Cost",
        readonly=True,
        help="Cost of the month's warranty repairs (parts and labour).",
    )
    addition = fields.Monetary(readonly=True)
    usage = fields.Monetary(readonly=True)
    release = fields.Monetary(readonly=True)
    closing = fields.Monetary(readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True)
    move_ids = fields.One2many(
        "account.move", "aftersales_provision_id", string="Entries and Reversals"
    )

    _sql_constraints = [
        (
            "company_month_uniq",
            "unique(company_id, date_from)",
            "A company has one warranty provision per month.",
        ),
    ]

    @api.depends("company_id.name", "date_from")
    def _compute_name(self):
        for record in self:
            record.name = _(
                "Warranty provision %(month)s - %(company)s",
                month=record.date_from and record.date_from.strftime("%Y-%m") or "",
                company=record.company_id.name or "",
            )

    # ------------------------------------------------------------------------------------
    # Actions (accountants)
    # ------------------------------------------------------------------------------------
    @api.model
    def _check_accountant(self):
        if not self.env.user.has_group(ACCOUNTANT_GROUP):
            raise AccessError(
                _("Only accountants (Invoicing: Billing) can post or reverse the provision.")
            )

    def action_post(self):
        self._check_accountant()
        for record in self:
            record.sudo()._post()
        return True

    def action_reverse(self):
        self._check_accountant()
        for record in self:
            record.sudo()._reverse()
        return True

    def action_open_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("aftersales_provision_id", "=", self.id)],
            "name": self.name,
        }

    # ------------------------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------------------------
    @api.model
    def _month_record(self, company, day):
        """The record of the month of ``day`` (created when missing)."""
        if day > fields.Date.context_today(self):
            raise UserError(
                _("The warranty provision of a month is posted once the month has begun.")
            )
        date_from = day.replace(day=1)
        record = self.search([("company_id", "=", company.id), ("date_from", "=", date_from)])
        if not record:
            record = self.create(
                {
                    "company_id": company.id,
                    "date_from": date_from,
                    "date_to": date_from + relativedelta(months=1, days=-1),
                }
            )
        return record

    @api.model
    def _post_month(self, company, day):
        """Post the provision of the month of ``day`` once: a month already posted is left
        as it is (idempotent)."""
        record = self._month_record(company, day)
        if record.state != "posted":
            record._post()
        return record

    @api.model
    def _cron_post_last_month(self):
        day = fields.Date.context_today(self).replace(day=1) - relativedelta(days=1)
        companies = self.env["res.company"].search(
            [
                ("aftersales_provision_method", "!=", False),
                ("aftersales_provision_account_id", "!=", False),
            ]
        )
        for company in companies:
            self.sudo()._post_month(company, day)

    def _check_config(self):
        company = self.company_id
        missing = []
        if not company.aftersales_provision_method:
            missing.append(_("the provision method"))
        if not company.aftersales_provision_account_id:
            missing.append(_("the warranty provision account"))
        if not company._aftersales_provision_expense_account():
            missing.append(_("the warranty (provision) expense account"))
        if missing:
            raise UserError(
                _(
                    "Set %(missing)s of %(company)s in the After-Sales settings before posting "
                    "the warranty provision.",
                    missing=", ".join(missing),
                    company=company.name,
                )
            )

    def _journal(self):
        company = self.company_id
        journal = company.aftersales_provision_journal_id or self.env["account.journal"].search(
            [("company_id", "=", company.id), ("type", "=", "general")], limit=1
        )
        if not journal:
            raise UserError(
                _("Company %(company)s has no miscellaneous journal.", company=company.name)
            )
        return journal

    def _balance(self, date_to, exclude_moves=None):
        """Balance (credit positive) of the provision account, posted entries up to
        ``date_to``."""
        domain = [
            ("company_id", "=", self.company_id.id),
            ("account_id", "=", self.company_id.aftersales_provision_account_id.id),
            ("parent_state", "=", "posted"),
            ("date", "<=", date_to),
        ]
        if exclude_moves:
            domain.append(("move_id", "not in", exclude_moves.ids))
        [(balance,)] = self.env["account.move.line"]._read_group(domain, [], ["balance:sum"])
        return -(balance or 0.0)

    def _amounts(self):
        """Opening, additions, usage, releases and the figures they come from."""
        self.ensure_one()
        company = self.company_id
        currency = company.currency_id
        opening = self._balance(self.date_to, exclude_moves=self.move_ids)
        repair_cost = currency.round(self._repair_cost())
        values = {
            "method": company.aftersales_provision_method,
            "opening": opening,
            "repair_cost": repair_cost,
            "target": 0.0,
            "units_sold": 0,
            "units_expired": 0,
        }
        if company.aftersales_provision_method == "per_unit":
            rate = company.aftersales_provision_rate
            sold, expired, expired_cost = self._units()
            addition = currency.round(sold * rate)
            usage = min(repair_cost, max(opening + addition, 0.0))
            unused = max(currency.round(expired * rate - expired_cost), 0.0)
            release = min(unused, max(opening + addition - usage, 0.0))
            values.update(units_sold=sold, units_expired=expired)
        else:
            target = (
                self.env["aftersales.part.reliability"]
                .sudo()
                ._compute_company(company, self.date_to + relativedelta(days=1))[2]
            )
            usage = min(repair_cost, max(opening, 0.0))
            gap = currency.round(target - (opening - usage))
            addition = max(gap, 0.0)
            release = max(-gap, 0.0)
            values["target"] = target
        values.update(
            addition=addition,
            usage=usage,
            release=release,
            closing=opening + addition - usage - release,
        )
        return values

    def _repair_cost(self):
        """Cost of the warranty repairs of the month: parts consumed under warranty in the
        month (their cost entries) and the warranty labour of the repairs done and scheduled
        in the month, at its service product's cost."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(SUM(sm.warranty_cost), 0)
                  FROM stock_move sm
                 WHERE sm.repair_id IS NOT NULL AND sm.repair_line_type = 'add'
                   AND sm.state = 'done' AND sm.warranty_charged IS NOT TRUE
                   AND sm.warranty_source = 'policy' AND sm.company_id = %s
                   AND sm.date >= %s AND sm.date < %s
                """,
                self.company_id.id,
                self.date_from,
                self.date_to + relativedelta(days=1),
            )
        )
        [(parts,)] = self.env.cr.fetchall()
        labour = self.env["aftersales.repair.labour"]._read_group(
            [
                ("company_id", "=", self.company_id.id),
                ("warranty_charged", "=", False),
                ("warranty_source", "=", "policy"),
                ("is_declined", "=", False),
                ("repair_id.state", "=", "done"),
                ("repair_id.schedule_date", ">=", self.date_from),
                ("repair_id.schedule_date", "<", self.date_to + relativedelta(days=1)),
            ],
            ["product_id"],
            ["hours:sum"],
        )
        company = self.company_id
        return parts + sum(
            hours * product.with_company(company).standard_price for product, hours in labour
        )

    def _units(self):
        """(units whose warranty started in the month, units whose warranty ended in the
        month, the warranty cost those expired units used during their warranty)."""
        Warranty = self.env["aftersales.warranty"]
        company = self.company_id
        sold = Warranty.search_count(
            [
                ("company_id", "=", company.id),
                ("start_date", ">=", self.date_from),
                ("start_date", "<=", self.date_to),
            ]
        )
        expired = Warranty.search(
            [
                ("company_id", "=", company.id),
                ("end_date", ">=", self.date_from),
                ("end_date", "<=", self.date_to),
            ]
        )
        used = 0.0
        if expired:
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT COALESCE(SUM(sm.warranty_cost), 0)
                      FROM stock_move sm
                      JOIN repair_order ro ON ro.id = sm.repair_id
                      JOIN aftersales_warranty w ON w.lot_id = ro.lot_id
                     WHERE w.id IN %s AND sm.repair_line_type = 'add' AND sm.state = 'done'
                       AND sm.warranty_charged IS NOT TRUE AND sm.warranty_source = 'policy'
                       AND sm.date::date BETWEEN w.start_date AND w.end_date
                    """,
                    tuple(expired.ids),
                )
            )
            [(used,)] = self.env.cr.fetchall()
        return sold, len(expired), used

    def _post(self):
        """Compute the month and post its entry (nothing to post: no entry)."""
        self.ensure_one()
        if self.state == "posted":
            return self.move_id
        self._check_config()
        values = self._amounts()
        company = self.company_id
        provision = company.aftersales_provision_account_id
        expense = company._aftersales_provision_expense_account()
        month = format_date(self.env, self.date_from, date_format="MMMM y")
        lines = []
        for kind, amount, label in (
            ("addition", values["addition"], _("Warranty provision: addition, %s") % month),
            ("usage", values["usage"], _("Warranty provision: used by repairs, %s") % month),
            ("release", values["release"], _("Warranty provision: released, %s") % month),
        ):
            if company.currency_id.is_zero(amount):
                continue
            sign = 1 if kind == "addition" else -1
            lines += [
                {
                    "name": label,
                    "account_id": expense.id,
                    "debit": amount if sign > 0 else 0.0,
                    "credit": amount if sign < 0 else 0.0,
                },
                {
                    "name": label,
                    "account_id": provision.id,
                    "debit": amount if sign < 0 else 0.0,
                    "credit": amount if sign > 0 else 0.0,
                    "aftersales_provision_kind": kind,
                },
            ]
        move = self.env["account.move"]
        if lines:
            move = move.create(
                {
                    "move_type": "entry",
                    "company_id": company.id,
                    "journal_id": self._journal().id,
                    "date": self.date_to,
                    "ref": self.name,
                    "aftersales_provision_id": self.id,
                    "line_ids": [fields.Command.create(line) for line in lines],
                }
            )
            move.action_post()
        self.write(values | {"state": "posted", "move_id": move.id})
        return move

    def _reverse(self):
        self.ensure_one()
        if self.state != "posted":
            raise UserError(
                _("%(name)s is not posted: there is nothing to reverse.", name=self.name)
            )
        if self.move_id:
            self.move_id._reverse_moves(
                [
                    {
                        "date": self.date_to,
                        "ref": _("Reversal of %(name)s", name=self.name),
                        "aftersales_provision_id": self.id,
                    }
                ],
                cancel=True,
            )
        self.write({"state": "reversed", "move_id": False})

    # ------------------------------------------------------------------------------------
    # Roll-forward
    # ------------------------------------------------------------------------------------
    @api.model
    def _rollforward(self, company, date_from, date_to):
        """Opening, additions, usage, releases, other movements and closing of the provision
        account between two dates, read from the posted journal items (credit positive);
        ``ledger`` is the account's balance at ``date_to`` read independently."""
        account = company.aftersales_provision_account_id
        if not account:
            raise UserError(
                _(
                    "Set the warranty provision account of %(company)s in the After-Sales "
                    "settings first.",
                    company=company.name,
                )
            )
        if date_from > date_to:
            raise UserError(_("The roll-forward starts after it ends: swap the dates."))
        Line = self.env["account.move.line"]
        base = [
            ("company_id", "=", company.id),
            ("account_id", "=", account.id),
            ("parent_state", "=", "posted"),
        ]
        [(before,)] = Line._read_group(base + [("date", "<", date_from)], [], ["balance:sum"])
        moves = dict(
            Line._read_group(
                base + [("date", ">=", date_from), ("date", "<=", date_to)],
                ["aftersales_provision_kind"],
                ["balance:sum"],
            )
        )
        opening = -(before or 0.0)
        additions = -moves.get("addition", 0.0)
        usage = moves.get("usage", 0.0)
        releases = moves.get("release", 0.0)
        other = -moves.get(False, 0.0)
        [(ledger,)] = Line._read_group(base + [("date", "<=", date_to)], [], ["balance:sum"])
        return {
            "opening": opening,
            "additions": additions,
            "usage": usage,
            "releases": releases,
            "other": other,
            "closing": opening + additions - usage - releases + other,
            "ledger": -(ledger or 0.0),
        }
