# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re
import secrets
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, consteq

RATING_LEVELS = [
    ("very_satisfied", "Very satisfied"),
    ("satisfied", "Satisfied"),
    ("fair", "Fair"),
    ("unsatisfied", "Unsatisfied"),
]
RATING_SCORE = {"very_satisfied": 4, "satisfied": 3, "fair": 2, "unsatisfied": 1}
RATING_FIELDS = ("rating_attitude", "rating_skill", "rating_arrival", "rating_promise")


class AftersalesFeedbackRequest(models.Model):
    _name = "aftersales.feedback.request"
    _description = "Feedback Request after a Service"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    repair_id = fields.Many2one(
        "repair.order", required=True, ondelete="restrict", index=True, check_company=True
    )
    dispatch_id = fields.Many2one(
        "aftersales.dispatch",
        string="On-Site Visit",
        ondelete="cascade",
        index="btree_not_null",
        help="Set when the request follows an on-site visit rather than the repair's end.",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, index=True, ondelete="restrict"
    )
    technician_id = fields.Many2one("res.users", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    access_token = fields.Char(
        required=True,
        copy=False,
        groups="aftersales_repair.aftersales_group_user",
        default=lambda self: secrets.token_urlsafe(32),
    )
    expiry_date = fields.Datetime(required=True, copy=False)
    state = fields.Selection(
        [("pending", "Waiting for Answer"), ("answered", "Answered")],
        default="pending",
        required=True,
        copy=False,
        tracking=True,
        index=True,
    )
    is_expired = fields.Boolean(compute="_compute_is_expired")
    answer_channel = fields.Selection(
        [("web", "Web form"), ("phone", "Phone call")], readonly=True, copy=False
    )
    answered_date = fields.Datetime(readonly=True, copy=False)
    rating_attitude = fields.Selection(RATING_LEVELS, string="Service Attitude")
    rating_skill = fields.Selection(RATING_LEVELS, string="Technical Skill")
    rating_arrival = fields.Selection(RATING_LEVELS, string="Arrival Time")
    rating_promise = fields.Selection(RATING_LEVELS, string="Keeping Promises")
    comment = fields.Text(string="Customer Comments")
    is_negative = fields.Boolean(readonly=True, copy=False)
    complaint_id = fields.Many2one(
        "aftersales.complaint", readonly=True, copy=False, check_company=True
    )

    def init(self):
        # one request per finished repair, and one per completed on-site visit
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS aftersales_feedback_request_repair_uniq "
                "ON aftersales_feedback_request (repair_id) WHERE dispatch_id IS NULL"
            )
        )
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS aftersales_feedback_request_dispatch_uniq "
                "ON aftersales_feedback_request (dispatch_id) WHERE dispatch_id IS NOT NULL"
            )
        )

    @api.depends("repair_id.name")
    def _compute_name(self):
        for request in self:
            request.name = _("Feedback on %(repair)s", repair=request.repair_id.name or "")

    def _compute_is_expired(self):
        now = fields.Datetime.now()
        for request in self:
            request.is_expired = request.state == "pending" and request.expiry_date < now

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("expiry_date"):
                company = self.env["res.company"].browse(vals.get("company_id")) or (
                    self.env.company
                )
                vals["expiry_date"] = fields.Datetime.now() + timedelta(
                    days=company.aftersales_feedback_expiry_days
                )
        return super().create(vals_list)

    def write(self, vals):
        # an answer is given once (`_record_answer` writes it on a pending request)
        if any(f in vals for f in (*RATING_FIELDS, "comment")):
            if self.filtered(lambda r: r.state == "answered"):
                raise UserError(_("This feedback was already answered; it cannot be changed."))
        return super().write(vals)

    def _aftersales_card_points(self):
        """The four rating points of the paper feedback card: [(point label, [(level label,
        ticked)])], the answer's levels ticked."""
        self.ensure_one()
        points = []
        for fname in RATING_FIELDS:
            field = self._fields[fname]
            levels = field._description_selection(self.env)
            points.append(
                (
                    field._description_string(self.env),
                    [(label, self[fname] == key) for key, label in levels],
                )
            )
        return points

    def get_public_url(self):
        self.ensure_one()
        # the token is read for the customer's own link only
        token = self.sudo().access_token
        return f"{self.get_base_url()}/aftersales/feedback/{self.id}/{token}"

    def _token_matches(self, token):
        """Constant-time comparison of the link's token with the request's."""
        self.ensure_one()
        return bool(token and consteq(self.sudo().access_token, token))

    def _check_token(self, token):
        """The token matches; an expired or answered request is not valid either."""
        self.ensure_one()
        return bool(
            self._token_matches(token)
            and self.state == "pending"
            and self.expiry_date >= fields.Datetime.now()
        )

    @api.model
    def _validate_answer(self, values):
        """Return the error messages of an answer (empty when it is valid)."""
        errors = []
        levels = dict(RATING_LEVELS)
        for fname in RATING_FIELDS:
            value = values.get(fname)
            label = self._fields[fname].get_description(self.env)["string"]
            if not value:
                errors.append(_("Please rate “%(point)s”.", point=label))
            elif value not in levels:
                errors.append(
                    _(
                        "“%(point)s” must be one of: %(levels)s.",
                        point=label,
                        levels=", ".join(levels.values()),
                    )
                )
        return errors

    def _submit_answer(self, values, channel="web"):
        self.ensure_one()
        if self.state == "answered":
            raise UserError(_("This feedback form was already answered; thank you."))
        if self.expiry_date < fields.Datetime.now() and channel == "web":
            raise UserError(_("This link is no longer valid."))
        errors = self._validate_answer(values)
        if errors:
            raise ValidationError("\n".join(errors))
        answer = {fname: values[fname] for fname in RATING_FIELDS}
        answer.update(
            {
                "comment": (values.get("comment") or "").strip() or False,
                "state": "answered",
                "answered_date": fields.Datetime.now(),
                "answer_channel": channel,
            }
        )
        self.write(answer)
        self.is_negative = self._is_negative()
        if self.is_negative:
            self._open_complaint()
        return True

    def _is_negative(self):
        self.ensure_one()
        if any(self[f] == "unsatisfied" for f in RATING_FIELDS):
            return True
        keywords = [
            k.strip().lower()
            for k in (self.company_id.aftersales_feedback_negative_keywords or "").split(",")
            if k.strip()
        ]
        words = set(re.findall(r"\w+", (self.comment or "").lower()))
        text = (self.comment or "").lower()
        return any((k in words) if " " not in k else (k in text) for k in keywords)

    def _open_complaint(self):
        self.ensure_one()
        staff = self.rating_attitude == "unsatisfied"
        complaint = self.env["aftersales.complaint"].create(
            {
                "subject": _(
                    "Negative feedback on %(repair)s (%(technician)s)",
                    repair=self.repair_id.name,
                    technician=self.technician_id.name or "",
                ),
                "description": self.comment,
                "kind": "complaint",
                "channel": "feedback",
                "category": "staff_attitude" if staff else "other",
                "partner_id": self.partner_id.id,
                "repair_id": self.repair_id.id,
                "product_id": self.repair_id.product_id.id,
                "lot_id": self.repair_id.lot_id.id,
                "technician_id": self.technician_id.id,
                "company_id": self.company_id.id,
                "feedback_request_id": self.id,
                "user_id": False,
            }
        )
        self.complaint_id = complaint
        group = self.env.ref("aftersales_repair.aftersales_group_manager")
        # the customer answers as the public user: sudo to find the managers to tell
        managers = group.sudo().users.filtered(
            lambda u: u.active and not u.share and self.company_id in u.company_ids
        )
        complaint.message_post(
            body=_(
                "Opened automatically: the customer gave a negative answer to the "
                "feedback form of %(repair)s.",
                repair=self.repair_id.name,
            ),
            partner_ids=managers.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        return complaint

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        if any(request.state == "answered" for request in self):
            raise UserError(_("Answered feedback is evidence and cannot be deleted."))

    def action_record_phone_answer(self):
        """Staff enter the answers the customer gave on the phone."""
        self.ensure_one()
        values = {fname: self[fname] for fname in (*RATING_FIELDS, "comment")}
        self._submit_answer(values, channel="phone")
        return True

    def action_send(self):
        template = self.env.ref("aftersales_feedback.mail_template_feedback_request")
        for request in self.filtered(lambda r: r.state == "pending"):
            request.message_post_with_source(
                template, subtype_xmlid="mail.mt_comment", partner_ids=request.partner_id.ids
            )
        return True

    def action_open_complaint(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.complaint",
            "res_id": self.complaint_id.id,
            "view_mode": "form",
        }

    @api.model
    def _create_for_repairs(self, repairs):
        """One request per finished repair, no sampling; created in one batch."""
        existing = self.search(
            [("repair_id", "in", repairs.ids), ("dispatch_id", "=", False)]
        ).repair_id
        todo = (repairs - existing).filtered("partner_id")
        requests = self.create(
            [
                {
                    "repair_id": repair.id,
                    "partner_id": repair.partner_id.id,
                    "technician_id": repair.user_id.id,
                    "company_id": repair.company_id.id,
                }
                for repair in todo
            ]
        )
        requests.filtered(lambda r: r.partner_id.email).action_send()
        return requests

    @api.model
    def _create_for_dispatches(self, dispatches):
        """One request per completed on-site visit, rating the technician who went."""
        existing = self.search([("dispatch_id", "in", dispatches.ids)]).dispatch_id
        todo = (dispatches - existing).filtered("repair_id.partner_id")
        requests = self.create(
            [
                {
                    "repair_id": dispatch.repair_id.id,
                    "dispatch_id": dispatch.id,
                    "partner_id": dispatch.repair_id.partner_id.id,
                    "technician_id": dispatch.technician_ids[:1].id
                    or dispatch.repair_id.user_id.id,
                    "company_id": dispatch.repair_id.company_id.id,
                }
                for dispatch in todo
            ]
        )
        requests.filtered(lambda r: r.partner_id.email).action_send()
        return requests
