# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_repair.tools import check_text_not_blank

UNIT_STATUSES = [
    ("pending", "To Notify"),
    ("notified", "Notified"),
    ("booked", "Booked"),
    ("repaired", "Repaired"),
    ("unreachable", "Unreachable"),
    ("refused", "Refused"),
]
CLOSED_STATUSES = ("repaired", "unreachable", "refused")


class AftersalesRecallCampaign(models.Model):
    """A recall (readme/CONFIGURE.md, "Recall campaigns"): the serials of a product, by list or
    range, traced through the sold-units register to their owners, who are notified in their
    language with a link; repairs are created in bulk and the campaign shows its progress."""

    _name = "aftersales.recall.campaign"
    _description = "Recall Campaign"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/", index=True
    )
    title = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        check_company=True,
    )
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain="[('tracking', '=', 'serial')]",
        tracking=True,
    )
    selection_mode = fields.Selection(
        [("list", "List of Serials"), ("range", "Range of Serials")],
        string="Serials By",
        required=True,
        default="list",
    )
    lot_ids = fields.Many2many(
        "stock.lot",
        string="Serials",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    serial_from = fields.Char(string="First Serial")
    serial_to = fields.Char(string="Last Serial")
    reason = fields.Text(required=True, translate=True, help="Why the units are recalled.")
    remedy = fields.Text(
        required=True, translate=True, help="What is done to each unit, told to the owners."
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Date(string="Started On", readonly=True, copy=False)
    unit_ids = fields.One2many("aftersales.recall.unit", "campaign_id", string="Units")
    unit_count = fields.Integer(string="Units Recalled", compute="_compute_counts")
    pending_count = fields.Integer(string="To Notify", compute="_compute_counts")
    notified_count = fields.Integer(string="Notified", compute="_compute_counts")
    booked_count = fields.Integer(string="Booked", compute="_compute_counts")
    repaired_count = fields.Integer(string="Repaired", compute="_compute_counts")
    unreachable_count = fields.Integer(string="Unreachable", compute="_compute_counts")
    refused_count = fields.Integer(string="Refused", compute="_compute_counts")
    repair_count = fields.Integer(string="Repairs", compute="_compute_counts")
    progress = fields.Float(
        compute="_compute_counts",
        help="Share of the units closed: repaired, unreachable or refused.",
    )

    _sql_constraints = [
        ("name_company_uniq", "UNIQUE(name, company_id)", "A recall reference is unique."),
    ]

    @api.depends("unit_ids.status", "unit_ids.repair_id")
    def _compute_counts(self):
        counts = {}
        repairs = {}
        if self.ids:
            for campaign, status, count in self.env["aftersales.recall.unit"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id", "status"], ["__count"]
            ):
                counts.setdefault(campaign.id, {})[status] = count
            repairs = {
                campaign.id: count
                for campaign, count in self.env["aftersales.recall.unit"]._read_group(
                    [("campaign_id", "in", self.ids), ("repair_id", "!=", False)],
                    ["campaign_id"],
                    ["__count"],
                )
            }
        for campaign in self:
            by_status = counts.get(campaign.id, {})
            total = sum(by_status.values())
            campaign.unit_count = total
            for status, __ in UNIT_STATUSES:
                campaign[f"{status}_count"] = by_status.get(status, 0)
            campaign.repair_count = repairs.get(campaign.id, 0)
            closed = sum(by_status.get(status, 0) for status in CLOSED_STATUSES)
            campaign.progress = total and 100.0 * closed / total or 0.0

    @api.constrains("title", "reason", "remedy")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["title", "reason", "remedy"])

    @api.constrains("selection_mode", "serial_from", "serial_to")
    def _check_range(self):
        for campaign in self.filtered(lambda c: c.selection_mode == "range"):
            low, high = campaign.serial_from or "", campaign.serial_to or ""
            if low and high and (len(low) != len(high) or low > high):
                raise ValidationError(
                    _(
                        "The serial range %(low)s to %(high)s is not valid: give two serials "
                        "of the same length, the first not after the last.",
                        low=low,
                        high=high,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id"))
                vals["name"] = (
                    self.env["ir.sequence"]
                    .with_company(company or self.env.company)
                    .next_by_code("aftersales.recall.campaign")
                    or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & {"state", "date_start"}:
            raise UserError(_("The status of a recall changes with its buttons only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda c: c.state != "draft"):
            raise UserError(
                _("A recall that was started is kept as evidence: cancel or close it instead.")
            )

    # ------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------
    def action_start(self):
        """Trace the serials to their owners through the sold-units register."""
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(_("Recall %(name)s was already started.", name=campaign.name))
            lots = campaign._selected_lots()
            if not lots:
                raise UserError(
                    _(
                        "No serial of %(product)s matches recall %(name)s: choose the serials "
                        "or correct the range.",
                        product=campaign.product_id.display_name,
                        name=campaign.name,
                    )
                )
            warranties = (
                self.env["aftersales.warranty"]
                .sudo()
                .search([("lot_id", "in", lots.ids), ("state", "in", ("active", "suspended"))])
            )
            self.env["aftersales.recall.unit"].create(
                [
                    {
                        "campaign_id": campaign.id,
                        "lot_id": warranty.lot_id.id,
                        "warranty_id": warranty.id,
                        "partner_id": warranty.partner_id.id,
                    }
                    for warranty in warranties
                ]
            )
            unsold = lots - warranties.lot_id
            campaign._set_state("running", date_start=fields.Date.context_today(self))
            campaign.message_post(
                body=_(
                    "Recall started: %(sold)s unit(s) with their owners; %(unsold)s serial(s) "
                    "not sold (%(serials)s) are to be held in stock.",
                    sold=len(warranties),
                    unsold=len(unsold),
                    serials=", ".join(unsold[:20].mapped("name")) or "-",
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _selected_lots(self):
        self.ensure_one()
        Lot = self.env["stock.lot"]
        if self.selection_mode == "list":
            return self.lot_ids.filtered(lambda lot: lot.product_id == self.product_id)
        low, high = self.serial_from, self.serial_to
        if not low or not high:
            raise UserError(_("Give the first and the last serial of the range."))
        lots = Lot.search(
            [
                ("product_id", "=", self.product_id.id),
                ("company_id", "in", (self.company_id.id, False)),
                ("name", ">=", low),
                ("name", "<=", high),
            ]
        )
        # the same order as the range (code points), whatever the database collation
        return lots.filtered(lambda lot: len(lot.name) == len(low) and low <= lot.name <= high)

    def action_notify(self):
        """Send the notice to every owner not notified yet, in the owner's language."""
        self._check_running()
        units = self.unit_ids.filtered(lambda u: u.status == "pending")
        units._notify()
        return True

    def action_create_repairs(self):
        """One repair per unit notified or booked that has none yet, created in one batch."""
        self._check_running()
        units = self.unit_ids.filtered(
            lambda u: u.status in ("notified", "booked") and not u.repair_id
        )
        if not units:
            raise UserError(_("No notified or booked unit is waiting for a repair."))
        units._create_repairs()
        return self.action_view_repairs()

    def action_close(self):
        self._set_state("done")

    def action_cancel(self):
        self._set_state("cancel")

    def _set_state(self, state, **vals):
        self.check_access("write")
        # sudo: the status changes with the buttons only (see write())
        self.sudo().write(dict(vals, state=state))

    def action_view_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Repairs of %(name)s", name=self.name),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("aftersales_recall_unit_id.campaign_id", "=", self.id)],
        }

    def _check_running(self):
        for campaign in self:
            if campaign.state != "running":
                raise UserError(
                    _("Start recall %(name)s before working its units.", name=campaign.name)
                )
