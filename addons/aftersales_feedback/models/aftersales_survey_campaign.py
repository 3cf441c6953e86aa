# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_repair.tools import check_number_bounds, check_text_not_blank

ITEMS = [
    ("product_quality", "Product quality"),
    ("price", "Price"),
    ("delivery_time", "Delivery time"),
    ("packaging", "Packaging"),
    ("service", "After-sales service"),
]


class AftersalesSurveyCampaign(models.Model):
    _name = "aftersales.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    period = fields.Selection(
        [("q4", "Fourth quarter"), ("may", "May"), ("custom", "Other")],
        required=True,
        default="q4",
    )
    date_start = fields.Date(
        compute="_compute_dates", store=True, readonly=False, precompute=True, required=True
    )
    date_end = fields.Date(
        compute="_compute_dates", store=True, readonly=False, precompute=True, required=True
    )
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        default=lambda self: self.env.ref(
            "aftersales_feedback.survey_satisfaction", raise_if_not_found=False
        ),
    )
    partner_ids = fields.Many2many("res.partner", string="Customers")
    state = fields.Selection(
        [("draft", "Draft"), ("running", "Running"), ("done", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    item_ids = fields.One2many(
        "aftersales.survey.campaign.item",
        "campaign_id",
        string="Weighted Items",
        default=lambda self: self._default_item_ids(),
    )
    result_ids = fields.One2many("aftersales.survey.campaign.result", "campaign_id")
    action_ids = fields.One2many("aftersales.survey.campaign.action", "campaign_id")
    answer_ids = fields.One2many("survey.user_input", "aftersales_campaign_id")
    satisfied_score = fields.Float(
        compute="_compute_dates", store=True, readonly=False, precompute=True
    )
    target_rate = fields.Float(
        string="Target (%)", compute="_compute_dates", store=True, readonly=False, precompute=True
    )
    customer_count = fields.Integer(compute="_compute_rates")
    invited_count = fields.Integer(compute="_compute_rates")
    response_count = fields.Integer(compute="_compute_rates")
    coverage_rate = fields.Float(string="Coverage (%)", compute="_compute_rates")
    response_rate = fields.Float(string="Response Rate (%)", compute="_compute_rates")
    effective_rate = fields.Float(
        string="Coverage x Response (%)",
        compute="_compute_rates",
        help="Share of the campaign's customers who answered: coverage times response rate.",
    )
    meets_target = fields.Boolean(compute="_compute_rates")
    average_score = fields.Float(compute="_compute_rates")
    dissatisfied_count = fields.Integer(compute="_compute_rates")

    @api.model
    def _default_item_ids(self):
        weights = {
            "product_quality": 30,
            "price": 15,
            "delivery_time": 15,
            "packaging": 10,
            "service": 30,
        }
        return [
            fields.Command.create({"item": key, "weight": weights[key], "sequence": i})
            for i, (key, _label) in enumerate(ITEMS)
        ]

    @api.depends("period", "company_id")
    def _compute_dates(self):
        today = fields.Date.context_today(self)
        for campaign in self:
            if campaign.period == "q4":
                campaign.date_start = date(today.year, 10, 1)
                campaign.date_end = date(today.year, 12, 31)
            elif campaign.period == "may":
                campaign.date_start = date(today.year, 5, 1)
                campaign.date_end = date(today.year, 5, 31)
            else:
                campaign.date_start = campaign.date_start or today
                campaign.date_end = campaign.date_end or today
            campaign.satisfied_score = (
                campaign.satisfied_score or campaign.company_id.aftersales_survey_satisfied_score
            )
            campaign.target_rate = (
                campaign.target_rate or campaign.company_id.aftersales_survey_target_rate
            )

    @api.depends("partner_ids", "answer_ids.state", "result_ids.score")
    def _compute_rates(self):
        for campaign in self:
            customers = len(campaign.partner_ids)
            answers = campaign.answer_ids
            invited = len(answers.partner_id & campaign.partner_ids)
            responded = len(
                answers.filtered(lambda a: a.state == "done").partner_id & campaign.partner_ids
            )
            campaign.customer_count = customers
            campaign.invited_count = invited
            campaign.response_count = responded
            campaign.coverage_rate = 100.0 * invited / customers if customers else 0.0
            campaign.response_rate = 100.0 * responded / invited if invited else 0.0
            campaign.effective_rate = campaign.coverage_rate * campaign.response_rate / 100.0
            campaign.meets_target = campaign.effective_rate >= campaign.target_rate
            results = campaign.result_ids
            campaign.average_score = (
                sum(results.mapped("score")) / len(results) if results else 0.0
            )
            campaign.dissatisfied_count = len(results.filtered(lambda r: not r.satisfied))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_end < campaign.date_start:
                raise ValidationError(_("A campaign cannot end before it starts."))

    @api.constrains("name", "satisfied_score", "target_rate")
    def _check_bounds(self):
        check_text_not_blank(self, ["name"])
        check_number_bounds(self, ["satisfied_score", "target_rate"], high=100.0)

    @api.constrains("item_ids")
    def _check_weights(self):
        for campaign in self:
            if campaign.item_ids and sum(campaign.item_ids.mapped("weight")) <= 0:
                raise ValidationError(_("Give the survey items weights above zero."))

    def action_send_invitations(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(_("Add the customers to survey first."))
        missing = self.item_ids.filtered(lambda i: not i.question_id)
        if missing:
            raise UserError(
                _(
                    "Link every item to a question of the survey: %(items)s.",
                    items=", ".join(missing.mapped("display_name")),
                )
            )
        invited = self.answer_ids.partner_id
        partners = (self.partner_ids - invited).filtered("email")
        if not partners:
            raise UserError(_("Every customer with an email address is already invited."))
        invite = self.env["survey.invite"].create(
            {
                "survey_id": self.survey_id.id,
                "partner_ids": [fields.Command.set(partners.ids)],
                "existing_mode": "new",
                "deadline": fields.Datetime.to_datetime(self.date_end).replace(hour=23, minute=59),
            }
        )
        answers = invite._prepare_answers(partners, [])
        answers.aftersales_campaign_id = self
        for answer in answers:
            invite._send_mail(answer)
        self.state = "running"
        return True

    def action_compute_results(self):
        """Per-customer weighted scores from the survey answers (0-100 per item)."""
        for campaign in self:
            item_by_question = {item.question_id.id: item for item in campaign.item_ids}
            total_weight = sum(campaign.item_ids.mapped("weight")) or 1.0
            lines = self.env["survey.user_input.line"].search(
                [
                    ("user_input_id.aftersales_campaign_id", "=", campaign.id),
                    ("user_input_id.state", "=", "done"),
                    ("question_id", "in", list(item_by_question)),
                ]
            )
            per_partner = {}
            for line in lines:
                partner = line.user_input_id.partner_id
                if not partner:
                    continue
                item = item_by_question[line.question_id.id]
                per_partner.setdefault(partner.id, {})[item.item] = line.value_numerical_box
            campaign.result_ids.unlink()
            vals_list = []
            for partner_id, scores in per_partner.items():
                weighted = sum(
                    scores.get(item.item, 0.0) * item.weight for item in campaign.item_ids
                )
                vals = {
                    "campaign_id": campaign.id,
                    "partner_id": partner_id,
                    "score": weighted / total_weight,
                }
                vals.update({f"score_{key}": scores.get(key, 0.0) for key, _label in ITEMS})
                vals_list.append(vals)
            self.env["aftersales.survey.campaign.result"].create(vals_list)
        return True

    def action_close(self):
        self.action_compute_results()
        self.state = "done"
        return True

    def action_view_dissatisfied(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dissatisfied Customers"),
            "res_model": "aftersales.survey.campaign.result",
            "view_mode": "list",
            "domain": [("campaign_id", "=", self.id), ("satisfied", "=", False)],
        }


class AftersalesSurveyCampaignItem(models.Model):
    _name = "aftersales.survey.campaign.item"
    _description = "Weighted Item of a Survey Campaign"
    _order = "sequence, id"
    _rec_name = "item"

    campaign_id = fields.Many2one("aftersales.survey.campaign", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    item = fields.Selection(ITEMS, required=True)
    weight = fields.Float(required=True, default=1.0)
    question_id = fields.Many2one(
        "survey.question",
        compute="_compute_question_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('survey_id', '=', parent.survey_id), ('question_type', '=', 'numerical_box')]",
    )
    average_score = fields.Float(compute="_compute_average_score")
    is_weak = fields.Boolean(string="Weak Item", compute="_compute_average_score")
    action_count = fields.Integer(compute="_compute_average_score")

    _sql_constraints = [
        ("weight_positive", "CHECK(weight >= 0)", "An item's weight cannot be negative."),
        ("item_uniq", "unique(campaign_id, item)", "Each item appears once in a campaign."),
    ]

    @api.depends("campaign_id.survey_id", "item")
    def _compute_question_id(self):
        for line in self:
            questions = line.campaign_id.survey_id.question_ids
            line.question_id = questions.filtered(lambda q, i=line.item: q.aftersales_item == i)[
                :1
            ]

    @api.depends("campaign_id.result_ids", "campaign_id.action_ids")
    def _compute_average_score(self):
        for line in self:
            results = line.campaign_id.result_ids
            fname = f"score_{line.item}"
            line.average_score = (
                sum(results.mapped(fname)) / len(results) if results and line.item else 0.0
            )
            line.is_weak = bool(results) and (
                line.average_score < line.campaign_id.satisfied_score
            )
            line.action_count = len(
                line.campaign_id.action_ids.filtered(lambda a, i=line.item: a.item == i)
            )


class AftersalesSurveyCampaignResult(models.Model):
    _name = "aftersales.survey.campaign.result"
    _description = "Survey Result of a Customer"
    _order = "score, id"

    campaign_id = fields.Many2one("aftersales.survey.campaign", required=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True)
    score = fields.Float(string="Weighted Score", aggregator="avg")
    satisfied = fields.Boolean(compute="_compute_satisfied", store=True)
    score_product_quality = fields.Float(string="Product Quality", aggregator="avg")
    score_price = fields.Float(string="Price", aggregator="avg")
    score_delivery_time = fields.Float(string="Delivery Time", aggregator="avg")
    score_packaging = fields.Float(string="Packaging", aggregator="avg")
    score_service = fields.Float(string="After-Sales Service", aggregator="avg")

    @api.depends("score", "campaign_id.satisfied_score")
    def _compute_satisfied(self):
        for result in self:
            result.satisfied = result.score >= result.campaign_id.satisfied_score


class AftersalesSurveyCampaignAction(models.Model):
    _name = "aftersales.survey.campaign.action"
    _description = "Improvement Action on a Weak Survey Item"
    _order = "deadline, id"

    campaign_id = fields.Many2one("aftersales.survey.campaign", required=True, ondelete="cascade")
    item = fields.Selection(ITEMS, required=True)
    name = fields.Char(string="Action", required=True)
    user_id = fields.Many2one("res.users", string="Responsible")
    deadline = fields.Date()
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True)

    @api.constrains("name")
    def _check_name(self):
        check_text_not_blank(self, ["name"])
