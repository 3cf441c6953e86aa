# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AftersalesSlaMixin(models.AbstractModel):
    """Service-level deadlines on a document (repair, warranty claim, complaint...).

    A model inheriting this mixin (and mail.activity.mixin, for escalation activities) gets
    its deadlines in ``sla_deadline_ids`` and a badge ``sla_state``. It describes itself to the
    policies with ``_sla_values()``, tells which targets start at creation with
    ``_sla_auto_kinds()``, which fields re-plan them with ``_sla_trigger_fields()`` and when it
    waits on the customer with ``_sla_is_waiting()``. Other targets are started and met with
    ``env["aftersales.sla.deadline"]._sla_start(records, kind)`` / ``_sla_meet(records, kind)``.
    """

    _name = "aftersales.sla.mixin"
    _description = "Service Level Deadlines Mixin"

    sla_deadline_ids = fields.One2many(
        "aftersales.sla.deadline", "res_id", string="Service Deadlines", auto_join=True
    )
    sla_state = fields.Selection(
        [
            ("none", "No Deadline"),
            ("on_track", "On Track"),
            ("at_risk", "At Risk"),
            ("breached", "Breached"),
            ("met", "All Met"),
        ],
        string="Service Level",
        compute="_compute_sla_state",
        store=True,
        help="Worst state of the open deadlines: breached, at risk or on track.",
    )
    sla_next_deadline = fields.Datetime(
        string="Next Deadline", compute="_compute_sla_state", store=True
    )

    @api.depends(
        "sla_deadline_ids.state",
        "sla_deadline_ids.deadline_datetime",
        "sla_deadline_ids.res_model",
    )
    def _compute_sla_state(self):
        for record in self:
            deadlines = record.sla_deadline_ids.filtered(
                lambda d, r=record: d.res_model == r._name
            )
            opened = deadlines.filtered(lambda d: not d.met_datetime)
            if not deadlines:
                record.sla_state = "none"
            elif not opened:
                record.sla_state = "met"
            elif "breached" in opened.mapped("state"):
                record.sla_state = "breached"
            elif "at_risk" in opened.mapped("state"):
                record.sla_state = "at_risk"
            else:
                record.sla_state = "on_track"
            record.sla_next_deadline = min(opened.mapped("deadline_datetime"), default=False)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["aftersales.sla.deadline"]._sla_start(records)
        waiting = records.filtered(lambda r: r._sla_is_waiting())
        if waiting:
            self.env["aftersales.sla.deadline"]._sla_sync_pause(waiting)
        return records

    def write(self, vals):
        sync = bool(set(vals) & set(self._sla_pause_fields()))
        # a record waiting on the customer neither before nor after the write has no pause to
        # start or end: only the others are synchronised (no deadline search otherwise)
        was_waiting = self.filtered(lambda r: r._sla_is_waiting()) if sync else self.browse()
        res = super().write(vals)
        deadline_model = self.env["aftersales.sla.deadline"]
        if set(vals) & set(self._sla_trigger_fields()):
            deadline_model._sla_refresh(self)
        if sync:
            to_sync = was_waiting | self.filtered(lambda r: r._sla_is_waiting())
            if to_sync:
                deadline_model._sla_sync_pause(to_sync)
        return res

    def unlink(self):
        deadlines = (
            self.env["aftersales.sla.deadline"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        res = super().unlink()
        deadlines.unlink()
        return res

    def _sla_auto_kinds(self):
        """Target kinds started when a record is created."""
        return ()

    def _sla_trigger_fields(self):
        """Fields whose change re-plans the open deadlines."""
        return ("company_id", "partner_id", "priority")

    def _sla_pause_fields(self):
        """Fields whose change may pause or resume the clock."""
        return ()

    def _sla_is_waiting(self):
        """Whether the record waits on the customer (the clock then pauses)."""
        self.ensure_one()
        return False

    def _sla_values(self):
        """{record id: values} describing each record to the policies: company_id,
        priority, partner_category_ids, distance_km, zone,
        calendar (a resource.calendar record), user_id, team_id, service_centre_id, partner_id,
        waiting; optionally start_datetime (when the clock of the targets started at creation
        starts, default now) and target_kinds (the only target kinds that apply to the
        record, default all)."""
        result = {}
        for record in self:
            company = record["company_id"] if "company_id" in record else self.env.company
            partner = record["partner_id"] if "partner_id" in record else False
            result[record.id] = {
                "company_id": company.id,
                "priority": record["priority"] if "priority" in record else False,
                "partner_id": partner.id if partner else False,
                "partner_category_ids": (
                    partner.category_id | partner.commercial_partner_id.category_id
                ).ids
                if partner
                else [],
                "distance_km": False,
                "zone": False,
                "calendar": company.resource_calendar_id,
                "user_id": record["user_id"].id if "user_id" in record else False,
                "team_id": False,
                "service_centre_id": False,
                "waiting": record._sla_is_waiting(),
            }
        return result
