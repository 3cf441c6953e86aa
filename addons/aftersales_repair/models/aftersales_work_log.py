# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .vocabulary import SERVICE_CATEGORIES


class AftersalesWorkLog(models.Model):
    """Time a technician spent, per day, on a repair or on internal work (readme/CONFIGURE.md,
    "Technician time"): the technician's daily report and the supervisor's daily summary add these
    up per service category."""

    _name = "aftersales.work.log"
    _description = "Technician Work Log"
    _order = "date desc, technician_id, id"
    _check_company_auto = True

    technician_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
    )
    date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    repair_id = fields.Many2one(
        "repair.order", index="btree_not_null", check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    service_centre_id = fields.Many2one(
        "aftersales.service.centre",
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
    )
    service_category = fields.Selection(
        SERVICE_CATEGORIES,
        required=True,
        compute="_compute_from_repair",
        store=True,
        readonly=False,
        precompute=True,
        help="Free, paid or contract work on a repair; internal work (inspections, parts "
        "handling, tool upkeep, training) has no repair.",
    )
    hours = fields.Float(required=True, aggregator="sum")
    name = fields.Char(string="Description")

    @api.depends("repair_id")
    def _compute_from_repair(self):
        for log in self:
            if log.repair_id:
                log.service_category = log.repair_id.service_category
                log.service_centre_id = log.repair_id.service_centre_id
                log.company_id = log.repair_id.company_id
            elif not log.service_category:
                log.service_category = "internal"

    @api.constrains("hours", "technician_id", "date")
    def _check_hours(self):
        for log in self:
            if log.hours <= 0:
                raise ValidationError(_("Enter a positive number of hours worked."))
        totals = self._read_group(
            [
                ("technician_id", "in", self.technician_id.ids),
                ("date", "in", list(set(self.mapped("date")))),
            ],
            ["technician_id", "date:day"],
            ["hours:sum"],
        )
        for technician, day, hours in totals:
            if hours > 24.0:
                raise ValidationError(
                    _(
                        "%(technician)s would have %(hours).2f hours logged on %(date)s; a day "
                        "has 24 hours. Correct the time entries of that day.",
                        technician=technician.name,
                        hours=hours,
                        date=fields.Date.to_string(day),
                    )
                )

    @api.model
    def _daily_summary(self, date, technicians=None):
        """Hours per technician and service category on one day, with totals:
        {"lines": [{technician, free, paid, contract, internal, total}],
         "totals": {free, paid, contract, internal, total}}."""
        domain = [("date", "=", date)]
        if technicians:
            domain.append(("technician_id", "in", technicians.ids))
        categories = [key for key, _label in SERVICE_CATEGORIES]
        per_technician = defaultdict(lambda: dict.fromkeys(categories, 0.0))
        for technician, category, hours in self._read_group(
            domain, ["technician_id", "service_category"], ["hours:sum"]
        ):
            per_technician[technician][category] += hours
        totals = dict.fromkeys([*categories, "total"], 0.0)
        lines = []
        for technician in sorted(per_technician, key=lambda t: t.name or ""):
            line = {"technician": technician, **per_technician[technician]}
            line["total"] = sum(per_technician[technician].values())
            for key in totals:
                totals[key] += line[key]
            lines.append(line)
        return {"date": date, "categories": SERVICE_CATEGORIES, "lines": lines, "totals": totals}

    def _report_daily_summaries(self):
        """Daily summaries of the days of self, for the technicians of self (PDF report)."""
        return [
            self._daily_summary(day, technicians=self.technician_id)
            for day in sorted(set(self.mapped("date")))
        ]

    @api.model
    def _cron_unfinished_repairs_digest(self):
        """Each morning, tell the After-Sales Managers of each company which repairs are still
        unfinished (readme/CONFIGURE.md, "Technician time"), with their technician and next
        deadline. Once a day per company: a second run the same day sends nothing."""
        group = self.env.ref("aftersales_repair.aftersales_group_manager")
        repairs = self.env["repair.order"].search(
            [("state", "not in", ("done", "cancel"))], order="company_id, user_id, id"
        )
        for company in repairs.company_id:
            today = fields.Date.context_today(self.with_company(company))
            if company.aftersales_unfinished_digest_date == today:
                continue
            company_repairs = repairs.filtered(lambda r, c=company: r.company_id == c)
            managers = self.env["res.users"].search(
                [
                    ("groups_id", "in", group.id),
                    ("share", "=", False),
                    ("company_ids", "in", company.id),
                ]
            )
            if not managers:
                continue
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    repair.name,
                    repair.partner_id.display_name or "",
                    repair.user_id.name or "",
                    dict(repair._fields["state"]._description_selection(self.env)).get(
                        repair.state
                    ),
                    fields.Datetime.to_string(repair.sla_next_deadline) or "",
                )
                for repair in company_repairs
            )
            header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
                _("Repair"),
                _("Customer"),
                _("Technician"),
                _("Status"),
                _("Next Deadline (UTC)"),
            )
            body = Markup("<p>%s</p><table class='table table-sm'>%s%s</table>") % (
                _(
                    "%(count)s unfinished repairs at %(company)s this morning.",
                    count=len(company_repairs),
                    company=company.name,
                ),
                header,
                rows,
            )
            self.env["mail.thread"].sudo().message_notify(
                body=body,
                subject=_("Unfinished repairs"),
                partner_ids=managers.partner_id.ids,
            )
            # sudo: the cron records the day it notified, whatever its user may edit
            company.sudo().aftersales_unfinished_digest_date = today
