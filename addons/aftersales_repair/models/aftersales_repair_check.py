# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CHECK_TYPES = [("self", "Technician Self-Check"), ("lead", "Team-Lead Check")]


class AftersalesRepairCheck(models.Model):
    """The checks before the final inspection (readme/CONFIGURE.md, "Self-check and team-lead
    check"): the technician checks the work, then a team lead; only then may the quality inspector
    pass the repair. Each check is evidence: who and when are set by the mechanism, never by the
    caller."""

    _name = "aftersales.repair.check"
    _description = "Repair Check Before Inspection"
    _order = "date desc, id desc"
    _check_company_auto = True

    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="restrict", index=True, check_company=True
    )
    company_id = fields.Many2one(related="repair_id.company_id", store=True, index=True)
    check_type = fields.Selection(CHECK_TYPES, required=True, default="self")
    user_id = fields.Many2one(
        "res.users",
        string="Checked By",
        required=True,
        readonly=True,
        default=lambda s: s.env.user,
    )
    date = fields.Datetime(string="Checked On", required=True, readonly=True)
    notes = fields.Text(help="What was checked.")
    inspection_id = fields.Many2one(
        "aftersales.repair.inspection",
        readonly=True,
        index=True,
        help="The final inspection that followed this check.",
    )

    @api.depends("check_type", "user_id", "date")
    def _compute_display_name(self):
        labels = dict(self._fields["check_type"]._description_selection(self.env))
        for check in self:
            check.display_name = _(
                "%(type)s by %(user)s",
                type=labels.get(check.check_type, ""),
                user=check.user_id.name or "",
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        repair = self.env["repair.order"].browse(values.get("repair_id"))
        if "check_type" in fields_list and repair:
            pending = self._pending_checks(repair)
            if pending.filtered(lambda c: c.check_type == "self"):
                values["check_type"] = "lead"
        return values

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        Repair = self.env["repair.order"]
        for vals in vals_list:
            # who and when are the mechanism's: the current user, now
            vals.update(user_id=self.env.uid, date=now, inspection_id=False)
            # checked before anything is saved
            self._check_can_record(
                Repair.browse(vals.get("repair_id")), vals.get("check_type") or "self"
            )
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"notes", "inspection_id"} or ("inspection_id" in vals and not self.env.su):
            raise UserError(
                _("A check before the inspection is evidence: record a new check instead.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        if self:
            raise UserError(_("A check before the inspection is evidence and cannot be deleted."))

    @api.model
    def _pending_checks(self, repairs):
        """The checks of the repairs not yet followed by an inspection."""
        return self.sudo().search(
            [("repair_id", "in", repairs.ids), ("inspection_id", "=", False)]
        )

    @api.model
    def _team_lead_group(self, company):
        return company.aftersales_team_lead_group_id or self.env.ref(
            "aftersales_repair.aftersales_group_team_lead"
        )

    @api.model
    def _is_team_lead(self, user, repair):
        centre = repair.service_centre_id
        return bool(centre and centre.lead_user_id == user) or (
            self._team_lead_group(repair.company_id) in user.groups_id
        )

    @api.model
    def _check_can_record(self, repairs, check_type):
        """May the current user record a check of this type on the repairs now?"""
        user = self.env.user
        # sudo: who worked on the repair (labour lines a technician may not read) decides who
        # may check it; nothing of it is returned
        for repair in repairs.sudo():
            technicians = repair.user_id | repair.labour_ids.technician_id
            if repair.state not in ("under_repair", "inspection"):
                raise UserError(
                    _(
                        "Repair %(name)s is not being repaired or waiting for inspection: "
                        "there is nothing to check.",
                        name=repair.name,
                    )
                )
            pending = self._pending_checks(repair)
            if check_type == "self":
                # no technician assigned: a technician who did the work checks it
                if (technicians and user not in technicians) or (
                    not technicians
                    and not user.has_group("aftersales_repair.aftersales_group_technician")
                ):
                    raise AccessError(
                        _(
                            "Only the technician of repair %(name)s records its self-check.",
                            name=repair.name,
                        )
                    )
                continue
            if not self._is_team_lead(user, repair):
                raise AccessError(
                    _(
                        "Only a team lead (a member of %(group)s or the lead of the service "
                        "centre) records the team-lead check of %(name)s.",
                        group=self._team_lead_group(repair.company_id).name,
                        name=repair.name,
                    )
                )
            self_checked = pending.filtered(lambda c: c.check_type == "self").user_id
            if user in technicians | self_checked:
                raise ValidationError(
                    _(
                        "You worked on repair %(name)s: another team lead must check it.",
                        name=repair.name,
                    )
                )
            if not pending.filtered(lambda c: c.check_type == "self"):
                raise UserError(
                    _(
                        "The technician's self-check of %(name)s comes first: record it "
                        "before the team-lead check.",
                        name=repair.name,
                    )
                )
