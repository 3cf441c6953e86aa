# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

TARGET_KINDS = [
    ("first_contact", "First Contact"),
    ("solution", "Solution Proposal"),
    ("dispatch", "Visit Planned"),
    ("arrival", "On-Site Arrival"),
    ("completion", "Completion"),
    ("factory_shipping", "Factory-Return Shipping"),
    ("customer_notification", "Customer Notification"),
    ("trip_report", "Trip Report"),
    ("trip_review", "Trip Cost and Satisfaction Review"),
]


class AftersalesSlaPolicy(models.Model):
    """A service-level target: how long the company has to reach a milestone (first contact,
    solution, arrival on site...) and to which documents the target applies.

    Several policies of the same target kind may match a document; the most specific one wins
    (zone, then distance band, then one without a band; a service mode, a priority or a
    customer tag adds to the specificity, and so do the criteria other modules add in
    ``_matches``/``_specificity``; then the sequence)."""

    _name = "aftersales.sla.policy"
    _description = "Service Level Policy"
    _order = "target_kind, sequence, distance_from_km, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    target_kind = fields.Selection(
        TARGET_KINDS,
        string="Target",
        required=True,
        help="The milestone the target measures. First contact, solution, visit planned "
        "(a trip with its technicians and time), arrival and completion start when the repair "
        "is created; factory-return shipping starts when the "
        "repair is accepted, customer notification when the unit is back from the factory, "
        "the trip report and its cost and satisfaction review when the technician "
        "checks out.",
    )
    duration = fields.Float(required=True, help="Time allowed, in the unit below.")
    duration_unit = fields.Selection(
        [
            ("working_hours", "Working Hours"),
            ("calendar_hours", "Calendar Hours"),
            ("working_days", "Working Days"),
        ],
        string="Unit",
        required=True,
        default="working_hours",
        help="Working hours and days follow the working-time calendar (public holidays "
        "excluded); calendar hours are clock hours, nights and weekends included.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Time",
        check_company=True,
        help="Calendar of working time. Empty: the service centre's calendar, else the company's.",
    )
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], help="Empty: every priority.")
    partner_category_ids = fields.Many2many(
        "res.partner.category",
        string="Customer Tags",
        help="Applies only to customers with one of these tags. Empty: every customer.",
    )
    apply_on = fields.Selection(
        [("all", "Every Site"), ("distance", "Distance Band"), ("zone", "Zone")],
        string="Site Condition",
        required=True,
        default="all",
        help="Distance band: applies when the site distance is in the band. Zone: applies "
        "only when the repair's zone is set (a zone policy wins over a distance band).",
    )
    distance_from_km = fields.Float(
        string="Beyond (km)", help="Lower bound, excluded (0: from the service centre)."
    )
    distance_to_km = fields.Float(
        string="Up to (km)", help="Upper bound, included (0: no upper bound)."
    )
    zone = fields.Selection([("urban", "Urban"), ("suburban", "Suburban")])
    pause_on_customer = fields.Boolean(
        string="Pause While Waiting on Customer",
        default=True,
        help="The clock stops while the customer's acceptance is pending or the customer is "
        "unreachable; the deadline is extended by the paused time.",
    )
    deadline_count = fields.Integer(compute="_compute_deadline_count")

    def _compute_deadline_count(self):
        counts = dict(
            self.env["aftersales.sla.deadline"]._read_group(
                [("policy_id", "in", self.ids)], ["policy_id"], ["__count"]
            )
        )
        for policy in self:
            policy.deadline_count = counts.get(policy, 0)

    @api.constrains("name")
    def _check_text_not_blank(self):
        for policy in self:
            if not (policy.name or "").strip():
                raise ValidationError(
                    _(
                        "%(model)s: %(field)s cannot be blank. Enter a text.",
                        model=policy._description,
                        field=policy._fields["name"]._description_string(policy.env),
                    )
                )

    @api.constrains("duration")
    def _check_duration(self):
        for policy in self:
            if policy.duration <= 0:
                raise ValidationError(
                    _(
                        "The target of policy %(name)s must be a positive duration; "
                        "enter the number of hours or days allowed.",
                        name=policy.name,
                    )
                )

    @api.constrains(
        "apply_on",
        "distance_from_km",
        "distance_to_km",
        "zone",
        "target_kind",
        "priority",
        "company_id",
        "active",
    )
    def _check_distance_band(self):
        for policy in self:
            if policy.apply_on == "zone" and not policy.zone:
                raise ValidationError(
                    _(
                        "Policy %(name)s applies by zone: choose urban or suburban.",
                        name=policy.name,
                    )
                )
            if policy.apply_on != "distance":
                continue
            low, high = policy._band()
            if low < 0 or high <= low:
                raise ValidationError(
                    _(
                        "The distance band of policy %(name)s is empty or negative: the upper "
                        "bound must be above the lower bound (0 for no upper bound).",
                        name=policy.name,
                    )
                )
            if not policy.active:
                continue
            others = self.search(policy._band_overlap_domain())
            for other in others:
                if other.partner_category_ids != policy.partner_category_ids:
                    continue
                o_low, o_high = other._band()
                if low < o_high and o_low < high:
                    raise ValidationError(
                        _(
                            "The distance band of policy %(name)s overlaps the band of "
                            "%(other)s; adjust the bounds so that each distance falls in one "
                            "band only.",
                            name=policy.name,
                            other=other.name,
                        )
                    )

    def _band(self):
        self.ensure_one()
        return self.distance_from_km, self.distance_to_km or float("inf")

    def _band_overlap_domain(self):
        """Policies whose distance band must not overlap the band of self (same target and
        the same other criteria)."""
        self.ensure_one()
        return [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            ("target_kind", "=", self.target_kind),
            ("apply_on", "=", "distance"),
            ("priority", "=", self.priority),
        ]

    @api.model
    def _aftersales_copy_defaults(self, companies):
        """Give companies the default policies shipped in the data files of the after-sales
        modules, as their own records to adjust
        (readme/CONFIGURE.md, "Default policies for every company"); the policies are read from the
        company they were seeded for, with the working time left to each company's."""
        # sudo: setting up a company is an administrator's act; the copies belong to the new
        # companies only.
        seeded = (
            self.env["ir.model.data"]
            .sudo()
            .search([("model", "=", self._name), ("module", "=like", "aftersales%")])
        )
        defaults = self.sudo().browse(seeded.mapped("res_id")).exists().filtered("active")
        for company in companies:
            if defaults and not self.sudo().search_count([("company_id", "=", company.id)]):
                defaults.copy({"company_id": company.id, "calendar_id": False})

    def action_view_deadlines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_sla.aftersales_sla_deadline_action"
        )
        action["domain"] = [("policy_id", "=", self.id)]
        action["context"] = {}
        return action

    def _matches(self, values):
        """Whether the policy applies to a record described by values (see
        aftersales.sla.mixin._sla_values)."""
        self.ensure_one()
        if self.company_id.id != values.get("company_id"):
            return False
        if self.priority and self.priority != values.get("priority"):
            return False
        if self.partner_category_ids and not (
            set(self.partner_category_ids.ids) & set(values.get("partner_category_ids") or ())
        ):
            return False
        if self.apply_on == "zone":
            return self.zone == values.get("zone")
        if self.apply_on == "distance":
            distance = values.get("distance_km")
            if distance is None or distance is False:
                return False
            low, high = self._band()
            return (distance > low or (low == 0 and distance >= 0)) and distance <= high
        return True

    def _specificity_score(self):
        """Points of the criteria the policy sets (modules adding criteria add points)."""
        self.ensure_one()
        score = {"zone": 100, "distance": 50, "all": 0}[self.apply_on]
        score += 5 if self.priority else 0
        score += 5 if self.partner_category_ids else 0
        return score

    def _specificity(self):
        """Sort key: the most specific policy is the greatest."""
        self.ensure_one()
        return (self._specificity_score(), -self.sequence, -self.id)
