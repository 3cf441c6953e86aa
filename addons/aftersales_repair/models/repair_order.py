# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, format_amount, plaintext2html

from ..tools import date_in_range

INTAKE_CHANNELS = [
    ("phone", "Phone"),
    ("walk_in", "Walk-in"),
    ("email", "Email"),
    ("portal", "Portal"),
    ("dealer", "Dealer"),
]
SERVICE_MODES = [
    ("in_shop", "In-shop"),
    ("on_site", "On-site"),
    ("factory_return", "Returned to the Factory"),
    ("remote", "Phone/Remote Guidance"),
]
SERVICE_CATEGORIES = [
    ("free", "Free (in warranty)"),
    ("paid", "Paid"),
    ("contract", "Maintenance Contract"),
    ("internal", "Internal"),
]
FAILURE_CAUSES = [
    ("quality", "Quality"),
    ("production", "Production"),
    ("installation", "Installation"),
    ("user_damage", "User Damage / Misuse"),
    ("force_majeure", "Force Majeure"),
    ("wear", "Normal Wear"),
]
APPROVAL_STATES = [
    ("not_required", "Not Required"),
    ("pending", "Waiting for Customer Approval"),
    ("approved", "Approved by Customer"),
    ("rejected", "Rejected by Customer"),
]
APPROVAL_METHODS = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("in_person", "In Person"),
    ("signature", "Signature"),
]

# What a portal customer may read of a repair over RPC: what the portal page shows. Internal
# notes, approvers, waiver reasons and every other internal field stay with the staff.
PORTAL_READABLE_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "name",
        "state",
        "company_id",
        "create_date",
        "priority",
        "partner_id",
        "product_id",
        "lot_id",
        "fault_description",
        "estimated_completion_date",
        "currency_id",
        "customer_approval_state",
        "customer_approved_by",
        "access_url",
    }
)


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "portal.mixin"]

    # ---- Intake -------------------------------------------------------------------------
    intake_channel = fields.Selection(INTAKE_CHANNELS, default="phone", tracking=True)
    service_mode = fields.Selection(SERVICE_MODES, default="in_shop", tracking=True)
    service_category = fields.Selection(
        SERVICE_CATEGORIES,
        default="paid",
        required=True,
        tracking=True,
        help="Free: inside warranty. Paid: outside warranty, the customer approves the "
        "estimate. Contract: fees as the maintenance contract says. Internal: inspections, "
        "parts handling, tool upkeep, training.",
    )
    contact_phone = fields.Char(
        compute="_compute_contact_phone",
        store=True,
        readonly=False,
    )
    site_partner_id = fields.Many2one(
        "res.partner",
        string="Site Address",
        compute="_compute_site_partner_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Where the unit is used; where the technician goes for on-site service.",
    )
    purchase_date = fields.Date(
        compute="_compute_purchase_info",
        store=True,
        readonly=False,
        help="Filled from the delivery of the serial to the customer when Odoo knows it.",
    )
    sales_reference = fields.Char(
        compute="_compute_purchase_info",
        store=True,
        readonly=False,
    )
    intake_date = fields.Datetime(
        string="Received On",
        default=fields.Datetime.now,
        required=True,
        copy=False,
        help="When the request was taken; the repeat-repair window counts back from it.",
    )
    fault_description = fields.Text()
    requested_date = fields.Datetime(string="Requested by Customer")
    intake_item_ids = fields.One2many(
        "aftersales.repair.intake.item",
        "repair_id",
        string="Items Received",
        copy=False,
    )
    is_repeat_repair = fields.Boolean(
        string="Repeat Repair",
        compute="_compute_is_repeat_repair",
        store=True,
        help="The same serial was repaired within the repeat-repair window of the company.",
    )
    previous_repair_ids = fields.Many2many(
        "repair.order",
        string="Earlier Repairs",
        compute="_compute_previous_repair_ids",
    )
    previous_declined_move_ids = fields.Many2many(
        "stock.move",
        string="Open Recommendations (Parts)",
        compute="_compute_previous_repair_ids",
    )
    previous_declined_labour_ids = fields.Many2many(
        "aftersales.repair.labour",
        string="Open Recommendations (Labour)",
        compute="_compute_previous_repair_ids",
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
    )

    # ---- Diagnosis and estimate ------------------------------------------------------------
    fault_code_categ_ids = fields.Many2many(
        "product.category",
        string="Fault Code Categories",
        compute="_compute_fault_code_categ_ids",
        help="The product's category and its parents: fault codes of these apply.",
    )
    fault_code_id = fields.Many2one(
        "aftersales.fault.code",
        tracking=True,
        check_company=True,
        ondelete="restrict",
        index="btree_not_null",
        domain="['|', ('company_id', '=', False), ('company_id', '=', company_id), "
        "'|', ('product_category_ids', '=', False), "
        "('product_category_ids', 'in', fault_code_categ_ids)]",
    )
    failure_cause = fields.Selection(FAILURE_CAUSES, tracking=True)
    diagnosis_notes = fields.Html(string="Diagnosis")
    estimated_completion_date = fields.Datetime(string="Estimated Completion", tracking=True)
    labour_ids = fields.One2many("aftersales.repair.labour", "repair_id", copy=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    estimate_parts_amount = fields.Monetary(
        string="Parts Estimate", compute="_compute_estimate_amounts", currency_field="currency_id"
    )
    estimate_labour_amount = fields.Monetary(
        string="Labour Estimate", compute="_compute_estimate_amounts", currency_field="currency_id"
    )
    estimate_amount = fields.Monetary(
        string="Estimate Total",
        compute="_compute_estimate_amounts",
        currency_field="currency_id",
        help="Parts and labour the customer is asked to approve, declined lines excluded.",
    )
    has_no_quality_guarantee = fields.Boolean(
        string="Has Parts Without Guarantee", compute="_compute_has_no_quality_guarantee"
    )
    declined_move_ids = fields.One2many(
        "stock.move",
        "repair_id",
        string="Declined Parts",
        domain=[("repair_line_type", "!=", False), ("is_declined", "=", True)],
        readonly=True,
    )
    declined_labour_ids = fields.One2many(
        "aftersales.repair.labour",
        "repair_id",
        domain=[("is_declined", "=", True)],
        readonly=True,
    )

    # ---- Customer approval -----------------------------------------------------------------
    customer_approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Customer Approval",
        compute="_compute_customer_approval_state",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        tracking=True,
    )
    quotation_sent_by_id = fields.Many2one("res.users", copy=False, readonly=True)
    quotation_sent_date = fields.Datetime(string="Quotation Sent On", copy=False, readonly=True)
    customer_approved_by = fields.Char(string="Approved By (Customer)", copy=False, tracking=True)
    customer_approval_date = fields.Datetime(string="Approval Date", copy=False)
    customer_approval_method = fields.Selection(
        APPROVAL_METHODS + [("portal", "Portal Signature")],
        string="Approval Method",
        copy=False,
    )
    customer_approval_recorded_by_id = fields.Many2one(
        "res.users", string="Approval Recorded By", copy=False, readonly=True
    )
    customer_signature = fields.Image()
    approved_amount = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        readonly=True,
        help="The estimate total the customer approved; a higher total needs a new approval.",
    )

    # ---- Billing (what was charged, covered, invoiced, paid, collected on site) ----------
    date_repaired = fields.Datetime(
        string="Repaired On",
        compute="_compute_date_repaired",
        store=True,
        copy=False,
        help="When the repair was marked repaired; starts the delay to invoice it.",
    )
    collection_ids = fields.One2many(
        "aftersales.repair.collection", "repair_id", string="On-Site Collections", copy=False
    )
    amount_estimated = fields.Monetary(
        string="Estimated (List Price)",
        compute="_compute_amount_estimated",
        store=True,
        currency_field="currency_id",
        help="Parts and labour of the repair at their list price, untaxed, before coverage.",
    )
    amount_covered = fields.Monetary(
        string="Covered (Sales Value)",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="List price of the parts and labour given free (priced at zero by the warranty, "
        "a contract or goodwill), untaxed.",
    )
    amount_covered_cost = fields.Monetary(
        string="Covered (Cost)",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Cost of the parts and labour given free, at their standard cost.",
    )
    amount_charged = fields.Monetary(
        string="Charged",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Total of the repair's sale order lines after coverage, taxes included.",
    )
    amount_invoiced = fields.Monetary(
        string="Invoiced",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Posted customer invoices of the repair less its credit notes, taxes included.",
    )
    amount_paid = fields.Monetary(
        string="Paid",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
    )
    amount_residual = fields.Monetary(
        string="Amount Due",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
    )
    amount_collected = fields.Monetary(
        string="Collected On Site",
        compute="_compute_amount_collected",
        store=True,
        currency_field="currency_id",
    )
    amount_collected_pending = fields.Monetary(
        string="Collected, Not Handed Over",
        compute="_compute_amount_collected",
        store=True,
        currency_field="currency_id",
    )
    amount_over_collected = fields.Monetary(
        string="Collected Above Charge",
        compute="_compute_amount_over_collected",
        store=True,
        currency_field="currency_id",
        help="Money collected on site beyond what the repair charges: to refund to the "
        "customer or to explain (issue 17).",
    )
    billing_difference = fields.Monetary(
        string="Invoicing Difference",
        compute="_compute_billing",
        store=True,
        currency_field="currency_id",
        help="Invoiced minus charged: positive when more was invoiced than the sale order "
        "charges, negative when less.",
    )
    billing_difference_details = fields.Text(
        string="Difference Details",
        compute="_compute_billing",
        store=True,
        help="The lines whose invoiced amount differs from the charged amount.",
    )
    billing_status = fields.Selection(
        [
            ("nothing_to_bill", "Nothing to Bill"),
            ("to_invoice", "To Invoice"),
            ("invoiced", "Invoiced"),
            ("partially_paid", "Partially Paid"),
            ("paid", "Paid"),
            ("difference", "Difference"),
        ],
        compute="_compute_billing",
        store=True,
        index=True,
    )
    aftersales_invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_aftersales_invoice_ids",
        compute_sudo=True,
    )
    aftersales_invoice_count = fields.Integer(
        string="Invoice Count", compute="_compute_aftersales_invoice_ids", compute_sudo=True
    )
    aftersales_payment_ids = fields.Many2many(
        "account.payment",
        string="Payments",
        compute="_compute_aftersales_invoice_ids",
        compute_sudo=True,
    )
    has_overdue_collection = fields.Boolean(
        string="Overdue Collection",
        compute="_compute_has_overdue_collection",
        compute_sudo=True,
        search="_search_has_overdue_collection",
    )
    valuation_line_count = fields.Integer(
        string="Stock Journal Items", compute="_compute_valuation_line_count", compute_sudo=True
    )

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------
    @api.depends("product_id.categ_id")
    def _compute_fault_code_categ_ids(self):
        for repair in self:
            path = repair.product_id.categ_id.parent_path or ""
            repair.fault_code_categ_ids = [int(cid) for cid in path.split("/") if cid]

    @api.depends("partner_id")
    def _compute_contact_phone(self):
        for repair in self:
            partner = repair.partner_id
            repair.contact_phone = partner.phone or partner.mobile or repair.contact_phone

    @api.depends("partner_id")
    def _compute_site_partner_id(self):
        for repair in self:
            if repair.partner_id:
                repair.site_partner_id = repair.partner_id.address_get(["delivery"])["delivery"]
            else:
                repair.site_partner_id = False

    @api.depends("lot_id")
    def _compute_purchase_info(self):
        deliveries = self._aftersales_find_delivery_lines()
        for repair in self:
            delivery = deliveries[repair.lot_id]
            if not delivery:
                # another unit: what was known of the former serial no longer applies (values
                # given with the serial in the same create/write are kept by the ORM)
                repair.purchase_date = False
                repair.sales_reference = False
                continue
            repair.purchase_date = fields.Date.to_date(delivery.date)
            sale = delivery.move_id.sale_line_id.order_id
            repair.sales_reference = sale.name or delivery.picking_id.name or delivery.reference

    @api.depends("lot_id", "intake_date", "company_id.aftersales_repeat_repair_days")
    def _compute_is_repeat_repair(self):
        earlier = self._aftersales_earlier_repairs_batch()
        for repair in self:
            repair.is_repeat_repair = bool(earlier[repair])

    @api.depends("lot_id", "intake_date")
    def _compute_previous_repair_ids(self):
        for repair in self:
            previous = repair._aftersales_earlier_repairs()
            repair.previous_repair_ids = previous
            repair.previous_declined_move_ids = previous.declined_move_ids
            repair.previous_declined_labour_ids = previous.declined_labour_ids

    @api.depends("estimated_completion_date", "requested_date", "schedule_date", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for repair in self:
            deadline = repair.estimated_completion_date or repair.requested_date
            repair.is_overdue = bool(
                deadline and deadline < now and repair.state not in ("done", "cancel")
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        now = fields.Datetime.now()
        domain = [
            ("state", "not in", ("done", "cancel")),
            "|",
            ("estimated_completion_date", "<", now),
            "&",
            ("estimated_completion_date", "=", False),
            ("requested_date", "<", now),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    @api.depends(
        "move_ids.product_uom_qty",
        "move_ids.repair_price_unit",
        "move_ids.is_declined",
        "move_ids.repair_line_type",
        "labour_ids.price_subtotal",
        "labour_ids.is_declined",
    )
    def _compute_estimate_amounts(self):
        for repair in self:
            parts = sum(repair._aftersales_estimate_moves().mapped("repair_price_subtotal"))
            labour = sum(
                repair.labour_ids.filtered(lambda line: not line.is_declined).mapped(
                    "price_subtotal"
                )
            )
            repair.estimate_parts_amount = parts
            repair.estimate_labour_amount = labour
            repair.estimate_amount = parts + labour

    @api.depends("move_ids.no_quality_guarantee", "move_ids.is_declined")
    def _compute_has_no_quality_guarantee(self):
        for repair in self:
            repair.has_no_quality_guarantee = any(
                move.no_quality_guarantee and not move.is_declined for move in repair.move_ids
            )

    @api.depends("service_category")
    def _compute_customer_approval_state(self):
        for repair in self:
            required = repair._aftersales_approval_required()
            if required and repair.customer_approval_state in (False, "not_required"):
                repair.customer_approval_state = "pending"
            elif not required and repair.customer_approval_state in (False, "pending"):
                repair.customer_approval_state = "not_required"

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for repair in self:
            repair.access_url = f"/my/repairs/{repair.id}"
        return res

    @api.depends("state")
    def _compute_date_repaired(self):
        for repair in self:
            if repair.state != "done":
                repair.date_repaired = False
            elif not repair.date_repaired:
                repair.date_repaired = fields.Datetime.now()

    @api.depends(
        "move_ids.product_id",
        "move_ids.product_qty",
        "move_ids.state",
        "move_ids.repair_line_type",
        "move_ids.is_declined",
        "labour_ids.product_id",
        "labour_ids.hours",
        "labour_ids.is_declined",
    )
    def _compute_amount_estimated(self):
        for repair in self:
            repair.amount_estimated = sum(
                value for value, __ in repair._aftersales_billing_part_values()
            ) + sum(value for value, __ in repair._aftersales_billing_labour_values())

    @api.depends(
        "under_warranty",
        "service_category",
        "amount_estimated",
        "sale_order_id",
        "move_ids.product_qty",
        "move_ids.state",
        "move_ids.sale_line_id",
        "move_ids.is_declined",
        "labour_ids.hours",
        "labour_ids.price_unit",
        "labour_ids.is_declined",
        "labour_ids.sale_line_id",
        "sale_order_id.state",
        "sale_order_id.order_line.price_total",
        "sale_order_id.order_line.price_unit",
        "sale_order_id.order_line.discount",
        "sale_order_id.order_line.invoice_lines.price_total",
        "sale_order_id.order_line.invoice_lines.parent_state",
        "sale_order_id.order_line.invoice_lines.move_id.amount_total",
        "sale_order_id.order_line.invoice_lines.move_id.amount_residual",
    )
    def _compute_billing(self):
        """Charged, covered, invoiced, paid and the billing status of repairs, in batch: the
        sale order lines, invoice lines and invoices of all the repairs are read together."""
        data = self._aftersales_billing_data()
        for repair in self:
            values = data.get(repair.id) or {}
            rounding = repair.currency_id.rounding or 0.01
            charged = values.get("charged", 0.0)
            invoiced = values.get("invoiced", 0.0)
            residual = values.get("residual", 0.0)
            has_invoice = values.get("has_invoice", False)
            difference = invoiced - charged if has_invoice else 0.0
            covered, covered_cost = repair._aftersales_billing_covered(values)
            if float_is_zero(difference, precision_rounding=rounding):
                difference = 0.0
            status = repair._aftersales_billing_status(
                charged, invoiced, residual, has_invoice, difference, covered
            )
            repair.update(
                {
                    "amount_charged": charged,
                    "amount_invoiced": invoiced,
                    "amount_residual": residual,
                    "amount_paid": invoiced - residual if has_invoice else 0.0,
                    "amount_covered": covered,
                    "amount_covered_cost": covered_cost,
                    "billing_difference": difference,
                    "billing_difference_details": "\n".join(values.get("details", []))
                    if difference
                    else False,
                    "billing_status": status,
                }
            )

    @api.depends(
        "amount_collected",
        "amount_charged",
        "sale_order_id",
        "estimate_amount",
        "service_category",
    )
    def _compute_amount_over_collected(self):
        """Collected beyond the sale order's charge; before any sale order, only a repair
        that charges nothing (not a paid one, or nothing priced) can be over-collected, since
        the taxed charge is not known yet."""
        for repair in self:
            charges_nothing = repair.service_category != "paid" or not repair.estimate_amount
            if repair.sale_order_id or charges_nothing:
                over = repair.amount_collected - repair.amount_charged
            else:
                over = 0.0
            rounding = repair.currency_id.rounding or 0.01
            repair.amount_over_collected = (
                over if float_compare(over, 0.0, precision_rounding=rounding) > 0 else 0.0
            )

    @api.depends("collection_ids.amount", "collection_ids.state")
    def _compute_amount_collected(self):
        groups = self.env["aftersales.repair.collection"]._read_group(
            [("repair_id", "in", self.ids), ("state", "!=", "cancel")],
            ["repair_id", "state"],
            ["amount:sum"],
        )
        collected = defaultdict(float)
        pending = defaultdict(float)
        for repair, state, amount in groups:
            collected[repair.id] += amount
            if state == "collected":
                pending[repair.id] += amount
        for repair in self:
            repair.amount_collected = collected[repair.id]
            repair.amount_collected_pending = pending[repair.id]

    @api.depends(
        "sale_order_id.order_line.invoice_lines.move_id.amount_residual",
        "collection_ids.payment_id",
    )
    def _compute_aftersales_invoice_ids(self):
        for repair in self:
            invoices = repair._aftersales_posted_invoices()
            repair.aftersales_invoice_ids = invoices
            repair.aftersales_invoice_count = len(invoices)
            repair.aftersales_payment_ids = (
                invoices.matched_payment_ids
                | invoices._get_reconciled_payments()
                | repair.collection_ids.payment_id
            )

    @api.depends("collection_ids.date_due", "collection_ids.state")
    def _compute_has_overdue_collection(self):
        overdue = self.env["aftersales.repair.collection"]._read_group(
            [("repair_id", "in", self.ids), ("is_overdue", "=", True)], ["repair_id"]
        )
        overdue_ids = {repair.id for (repair,) in overdue}
        for repair in self:
            repair.has_overdue_collection = repair.id in overdue_ids

    def _search_has_overdue_collection(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                _(
                    "Search on '%(field)s' supports only = and != (Yes/No).",
                    field=self._fields["has_overdue_collection"]._description_string(self.env),
                )
            )
        domain = [("collection_ids", "any", [("is_overdue", "=", True)])]
        return domain if (operator == "=") == bool(value) else ["!", *domain]

    def _compute_valuation_line_count(self):
        groups = self.env["account.move.line"]._read_group(
            [("move_id.stock_move_id.repair_id", "in", self.ids)], ["move_id"], ["__count"]
        )
        per_repair = defaultdict(int)
        for move, count in groups:
            per_repair[move.stock_move_id.repair_id.id] += count
        for repair in self:
            repair.valuation_line_count = per_repair[repair.id]

    # ------------------------------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------------------------------
    @api.constrains("purchase_date", "intake_date")
    def _check_purchase_date(self):
        for repair in self:
            if not (date_in_range(repair.purchase_date) and date_in_range(repair.intake_date)):
                raise ValidationError(
                    _(
                        "The dates of repair %(repair)s must lie between 1900 and 2200.",
                        repair=repair.name,
                    )
                )
            if (
                repair.purchase_date
                and repair.intake_date
                and repair.purchase_date > repair.intake_date.date()
            ):
                raise ValidationError(
                    _(
                        "The purchase date of %(repair)s (%(purchase)s) is after the unit was "
                        "received for repair: correct the purchase date.",
                        repair=repair.name,
                        purchase=repair.purchase_date,
                    )
                )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for repair in self:
            self._aftersales_check_lot_product(repair.lot_id, repair.product_id)

    @api.constrains("fault_code_id", "product_id")
    def _check_fault_code_category(self):
        for repair in self.filtered(lambda r: r.fault_code_id.product_category_ids):
            if not repair.fault_code_id.product_category_ids & repair.fault_code_categ_ids:
                raise ValidationError(
                    _(
                        "Fault code %(fault)s is not in the catalogue of %(product)s (category "
                        "%(category)s). Choose a fault code of that category or a general one.",
                        fault=repair.fault_code_id.display_name,
                        product=repair.product_id.display_name or _("this repair"),
                        category=repair.product_id.categ_id.display_name or "-",
                    )
                )

    @api.model
    def _aftersales_check_lot_product(self, lot, product):
        if lot and product and lot.product_id != product:
            raise ValidationError(
                _(
                    "Serial %(lot)s belongs to %(lot_product)s, not to %(product)s. "
                    "Choose a serial of the product to repair, or correct the product.",
                    lot=lot.name,
                    lot_product=lot.product_id.display_name,
                    product=product.display_name,
                )
            )

    @api.model
    def _aftersales_portal_readable_fields(self):
        """The fields portal pages read (add-ons with portal pages of their own add theirs)."""
        return PORTAL_READABLE_FIELDS

    @api.model
    def check_field_access_rights(self, operation, field_names):
        """Portal and public users read only the fields of the portal page (issue 14)."""
        if self.env.su or not self.env.user.share:
            return super().check_field_access_rights(operation, field_names)
        readable = self._aftersales_portal_readable_fields()
        if not field_names:
            field_names = [
                name
                for name in super().check_field_access_rights(operation, field_names)
                if name in readable
            ]
            return field_names
        hidden = [name for name in field_names if name in self._fields and name not in readable]
        if hidden:
            raise AccessError(
                _(
                    "These fields of a repair are internal and cannot be read from the "
                    "portal: %(fields)s.",
                    fields=", ".join(hidden),
                )
            )
        return super().check_field_access_rights(operation, field_names)

    # ------------------------------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        # Odoo's repair silently empties a serial of another product: refuse it instead.
        # (the serials' products read in one query for the whole batch)
        self.env["stock.lot"].browse(
            {vals["lot_id"] for vals in vals_list if vals.get("lot_id")}
        ).mapped("product_id")
        for vals in vals_list:
            if vals.get("lot_id") and vals.get("product_id"):
                self._aftersales_check_lot_product(
                    self.env["stock.lot"].browse(vals["lot_id"]),
                    self.env["product.product"].browse(vals["product_id"]),
                )
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("lot_id"):
            lot = self.env["stock.lot"].browse(vals["lot_id"])
            for repair in self:
                product = (
                    self.env["product.product"].browse(vals["product_id"])
                    if vals.get("product_id")
                    else repair.product_id
                )
                self._aftersales_check_lot_product(lot, product)
        # repairs that stop (or start again) counting as an earlier repair of their serial
        moved = self.browse()
        if {"lot_id", "intake_date"} & set(vals):
            moved = self.filtered("lot_id")
        elif "state" in vals:
            moved = self.filtered(
                lambda r: r.lot_id and (r.state == "cancel") != (vals["state"] == "cancel")
            )
        old_lots = moved.lot_id
        res = super().write(vals)
        if moved:
            moved._aftersales_refresh_later_repeats(old_lots)
        if "service_category" in vals or "move_ids" in vals or "labour_ids" in vals:
            self._aftersales_check_approval_still_valid()
        return res

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------
    def action_repair_start(self):
        for repair in self:
            if repair._aftersales_approval_required() and (
                repair.customer_approval_state != "approved"
            ):
                raise UserError(
                    _(
                        "Repair %(name)s is a paid repair and the customer has not approved its "
                        "estimate yet. Send the quotation and record the customer's approval "
                        "before starting the work.",
                        name=repair.name,
                    )
                )
        return super().action_repair_start()

    def action_create_sale_order(self):
        res = super().action_create_sale_order()
        self.labour_ids._aftersales_sync_sale_order_line()
        self.move_ids._aftersales_sync_sale_order_line_price()
        return res

    def action_send_quotation(self):
        """Open the mail composer with the quotation PDF of the repair."""
        self.ensure_one()
        self._aftersales_check_quote_rights()
        self._aftersales_check_can_send_quotation()
        template = self.env.ref(
            "aftersales_repair.mail_template_repair_quotation", raise_if_not_found=False
        )
        ctx = {
            "default_model": "repair.order",
            "default_res_ids": self.ids,
            "default_template_id": template.id if template else False,
            "default_composition_mode": "comment",
            "default_email_layout_xmlid": (
                "mail.mail_notification_layout_with_responsible_signature"
            ),
            "force_email": True,
            "mark_repair_quotation_as_sent": True,
        }
        return {
            "type": "ir.actions.act_window",
            "view_mode": "form",
            "res_model": "mail.compose.message",
            "views": [(False, "form")],
            "view_id": False,
            "target": "new",
            "context": ctx,
        }

    def action_record_customer_approval(self):
        """Open the wizard in which staff record the customer's decision on the estimate."""
        self.ensure_one()
        self._aftersales_check_quote_rights()
        self._aftersales_check_can_record_approval(self.env.user)
        return {
            "type": "ir.actions.act_window",
            "name": _("Record Customer Approval"),
            "res_model": "aftersales.repair.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_print_quotation(self):
        self.ensure_one()
        return self.env.ref("aftersales_repair.action_report_repair_quotation").report_action(self)

    def action_preview_quotation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "target": "self",
            "url": self.get_portal_url(),
        }

    def action_view_previous_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Earlier Repairs of %(lot)s", lot=self.lot_id.name),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.previous_repair_ids.ids)],
        }

    def action_view_aftersales_invoices(self):
        self.ensure_one()
        # the invoices are computed as superuser: open only those the user may read
        invoices = self.aftersales_invoice_ids._filtered_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        if len(invoices) == 1:
            action.update({"views": [(False, "form")], "res_id": invoices.id})
        else:
            action["domain"] = [("id", "in", invoices.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_aftersales_payments(self):
        self.ensure_one()
        payments = self.aftersales_payment_ids._filtered_access("read")
        action = {
            "type": "ir.actions.act_window",
            "name": _("Payments of %(repair)s", repair=self.name),
            "res_model": "account.payment",
            "context": {"create": False},
        }
        if len(payments) == 1:
            action.update({"views": [(False, "form")], "res_id": payments.id})
        else:
            action.update({"view_mode": "list,form", "domain": [("id", "in", payments.ids)]})
        return action

    def action_view_collections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_repair_collection_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_valuation_lines(self):
        """The journal items of the stock valuation of the repair's parts (warranty cost in
        the books)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock Journal Items of %(repair)s", repair=self.name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "domain": [
                ("id", "in", self._aftersales_valuation_move_lines()._filtered_access("read").ids)
            ],
            "context": {"create": False, "search_default_group_by_account": 1},
        }

    def action_open_repair_form(self):
        """The repair's form; accountants without an after-sales role get its billing form."""
        self.ensure_one()
        view = False
        if not self.env.user.has_group(
            "aftersales_repair.aftersales_group_technician"
        ) and not self.env.user.has_group("aftersales_repair.aftersales_group_user"):
            view = self.env.ref("aftersales_repair.repair_order_view_form_reconciliation").id
        return {
            "type": "ir.actions.act_window",
            "res_model": "repair.order",
            "views": [(view, "form")],
            "res_id": self.id,
        }

    # ------------------------------------------------------------------------------------------
    # Mail / portal
    # ------------------------------------------------------------------------------------------
    def message_post(self, **kwargs):
        if self.env.context.get("mark_repair_quotation_as_sent"):
            self.filtered(lambda r: r.state not in ("done", "cancel"))._aftersales_mark_sent()
            repairs = self.with_context(mark_repair_quotation_as_sent=False)
            return super(RepairOrder, repairs).message_post(**kwargs)
        return super().message_post(**kwargs)

    def _get_report_base_filename(self):
        self.ensure_one()
        return _("Repair Quotation - %(name)s", name=self.name)

    def _get_portal_return_action(self):
        return self.env.ref("aftersales_repair.repair_order_action")

    # ------------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------------
    def _aftersales_approval_required(self):
        """Whether the customer must approve the estimate before the work starts. Hook for
        other modules (e.g. a contract repair that charges parts)."""
        self.ensure_one()
        return self.service_category == "paid"

    def _aftersales_has_to_be_signed(self):
        """Whether the customer can still accept the estimate on the portal."""
        self.ensure_one()
        return self.customer_approval_state == "pending" and self.state not in ("done", "cancel")

    def _aftersales_estimate_moves(self):
        """Part lines (added parts) the customer is asked to pay for: not declined, not
        cancelled."""
        return self.move_ids.filtered(lambda m: m.repair_line_type == "add" and not m.is_declined)

    def _aftersales_find_delivery_line(self):
        """The done move line that delivered the serial to a customer (latest first), or an
        empty recordset."""
        self.ensure_one()
        if not self.lot_id:
            return self.env["stock.move.line"]
        # sudo: read-only lookup of the serial's delivery and its sale order, which a front
        # desk user limited to their own sales documents may not otherwise read.
        return (
            self.env["stock.move.line"]
            .sudo()
            .search(
                [
                    ("lot_id", "=", self.lot_id.id),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "=", "customer"),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )

    def _aftersales_find_delivery_lines(self):
        """_aftersales_find_delivery_line() of every repair in one search: a dict serial ->
        its delivery move line (latest first; an empty recordset when none)."""
        MoveLine = self.env["stock.move.line"]
        result = defaultdict(lambda: MoveLine)
        lots = self.lot_id
        if not lots:
            return result
        # sudo: see _aftersales_find_delivery_line
        lines = MoveLine.sudo().search(
            [
                ("lot_id", "in", lots.ids),
                ("state", "=", "done"),
                ("location_dest_id.usage", "=", "customer"),
            ],
            order="date desc, id desc",
        )
        for line in lines:
            if line.lot_id not in result:
                result[line.lot_id] = line
        return result

    def _aftersales_earlier_repairs_batch(self):
        """_aftersales_earlier_repairs() of every repair in one search: a dict repair ->
        its earlier repairs (latest first)."""
        Repair = self.env["repair.order"]
        result = defaultdict(lambda: Repair)
        now = fields.Datetime.now()
        windows = {}
        for repair in self.filtered("lot_id"):
            days = repair.company_id.aftersales_repeat_repair_days or 90
            reference = repair.intake_date or now
            windows[repair] = (reference - timedelta(days=days), reference)
        if not windows:
            return result
        candidates = Repair.search(
            [
                ("lot_id", "in", self.lot_id.ids),
                ("state", "!=", "cancel"),
                ("intake_date", ">=", min(low for low, _high in windows.values())),
                ("intake_date", "<=", max(high for _low, high in windows.values())),
            ],
            order="intake_date desc",
        )
        for repair, (low, high) in windows.items():
            result[repair] = candidates.filtered(
                lambda r, rep=repair, lo=low, hi=high: (
                    r.lot_id == rep.lot_id
                    and lo <= r.intake_date <= hi
                    and (not rep._origin.id or r.id != rep._origin.id)
                )
            )
        return result

    def _aftersales_refresh_later_repeats(self, old_lots):
        """These repairs were cancelled, restored or moved to another serial or intake date:
        the later repairs of their serials (old and new) check again whether they repeat an
        earlier one."""
        lots = old_lots | self.lot_id
        first = min((r.intake_date for r in self if r.intake_date), default=False)
        if not lots or not first:
            return
        later = self.env["repair.order"].search(
            [("lot_id", "in", lots.ids), ("intake_date", ">=", first), ("id", "not in", self.ids)]
        )
        if later:
            self.env.add_to_compute(self._fields["is_repeat_repair"], later)

    def _aftersales_earlier_repairs(self):
        """Repairs of the same serial created within the company's repeat-repair window before
        this one."""
        self.ensure_one()
        if not self.lot_id:
            return self.env["repair.order"]
        days = self.company_id.aftersales_repeat_repair_days or 90
        reference = self.intake_date or fields.Datetime.now()
        domain = [
            ("lot_id", "=", self.lot_id.id),
            ("state", "!=", "cancel"),
            ("intake_date", ">=", reference - timedelta(days=days)),
            ("intake_date", "<=", reference),
        ]
        if self._origin.id:
            domain.append(("id", "!=", self._origin.id))
        return self.env["repair.order"].search(domain, order="intake_date desc")

    def _aftersales_check_quote_rights(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_user"):
            raise AccessError(
                _("Only the front desk (After-Sales User) quotes repairs and records approvals.")
            )

    def _aftersales_check_can_send_quotation(self):
        """Checks before the quotation goes to the customer. Hook for the service price
        approval (DOMAIN.md §4)."""
        for repair in self:
            if repair.state in ("done", "cancel"):
                raise UserError(
                    _("Repair %(name)s is closed; it has no quotation to send.", name=repair.name)
                )
            if not repair.partner_id:
                raise UserError(
                    _(
                        "Set the customer of repair %(name)s before sending the quotation.",
                        name=repair.name,
                    )
                )

    def _aftersales_check_can_record_approval(self, user):
        """Staff cannot record the customer's approval of a quotation they sent or created."""
        for repair in self:
            if user in (repair.quotation_sent_by_id | repair.create_uid):
                raise UserError(
                    _(
                        "You sent or created the quotation of %(name)s: another member of "
                        "staff must record the customer's approval.",
                        name=repair.name,
                    )
                )

    def _aftersales_mark_sent(self):
        for repair in self:
            vals = {
                "quotation_sent_by_id": self.env.user.id,
                "quotation_sent_date": fields.Datetime.now(),
            }
            if repair._aftersales_approval_required() and (
                repair.customer_approval_state != "approved"
            ):
                vals["customer_approval_state"] = "pending"
            repair.write(vals)

    def _aftersales_set_customer_decision(
        self, decision, approved_by, method, date=None, signature=None, declined_lines=None
    ):
        """Record the customer's decision on the estimate.

        :param decision: 'approved' or 'rejected'
        :param declined_lines: stock.move and aftersales.repair.labour records the customer
            declined (kept on the order as declined recommendations)
        """
        self.ensure_one()
        if decision not in ("approved", "rejected"):
            raise UserError(_("The customer either approves or rejects the estimate."))
        if self.state in ("done", "cancel"):
            raise UserError(
                _(
                    "Repair %(name)s is closed; its estimate can no longer be approved.",
                    name=self.name,
                )
            )
        for line in declined_lines or []:
            line.filtered(lambda rec: rec.repair_id == self)._aftersales_decline()
        self.write(
            {
                "customer_approval_state": decision,
                "customer_approved_by": approved_by,
                "customer_approval_method": method,
                "customer_approval_date": date or fields.Datetime.now(),
                "customer_approval_recorded_by_id": (
                    self.env.user.id if not self.env.user.share else False
                ),
                "customer_signature": signature or False,
                "approved_amount": self.estimate_amount if decision == "approved" else 0.0,
            }
        )
        self._aftersales_log_note(
            _(
                "Estimate %(decision)s by %(who)s (%(method)s), total %(amount)s.",
                decision=dict(APPROVAL_STATES)[decision].lower(),
                who=approved_by,
                method=dict(self._fields["customer_approval_method"].selection).get(method),
                amount=format_amount(self.env, self.estimate_amount, self.currency_id),
            )
        )
        return True

    def _aftersales_check_approval_still_valid(self, changes=None, details=None):
        """An approved estimate that grows (new line, higher total) needs a new approval: put
        the order back to pending and tell the customer what changed.

        :param changes: descriptions of lines added: always need a new approval
        :param details: {repair id: [descriptions]} of lines changed, told to the customer
            when the total rose
        """
        for repair in self._aftersales_approved_estimates():
            rounding = repair.currency_id.rounding
            raised = (
                float_compare(
                    repair.estimate_amount, repair.approved_amount, precision_rounding=rounding
                )
                > 0
            )
            if not (changes or raised):
                continue
            repair._aftersales_reset_approval((changes or []) + (details or {}).get(repair.id, []))

    def _aftersales_approved_estimates(self):
        """The repairs whose estimate the customer approved and whose work is still open:
        the ones a change of their lines may send back for approval."""
        return self.filtered(
            lambda r: r.customer_approval_state == "approved" and r.state not in ("done", "cancel")
        )

    def _aftersales_reset_approval(self, changes):
        self.ensure_one()
        self.customer_approval_state = "pending"
        items = Markup("").join(Markup("<li>%s</li>") % escape(change) for change in changes)
        body = Markup("<p>%s</p>") % _(
            "The estimate of your repair %(name)s changed and needs your approval again. "
            "The total is now %(new)s (you approved %(old)s).",
            name=self.name,
            new=format_amount(self.env, self.estimate_amount, self.currency_id),
            old=format_amount(self.env, self.approved_amount, self.currency_id),
        )
        if items:
            body += Markup("<ul>%s</ul>") % items
        self.message_post(
            body=body,
            partner_ids=self.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )


class RepairOrderApproval(models.Model):
    """Service price approval of paid repairs (issue 3 point 8, DOMAIN.md §4 first bullet),
    through the suite's approval mechanism (`aftersales.approval.mixin`)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.approval.mixin"]

    _approval_document_type = "repair_price"
    _approval_document_types = ["repair_price", "repair_waiver"]
    _approval_amount_field = "approval_amount"
    _approval_state_field = "state"
    _approval_start_states = ["draft", "confirmed", "under_repair"]
    _approval_under_review_fields = [
        "move_ids",
        "labour_ids",
        "service_category",
        "under_warranty",
        "waived_amount",
    ]

    approval_amount = fields.Monetary(
        string="Service Price to Approve",
        compute="_compute_approval_amount",
        currency_field="currency_id",
        help="Charged total of a paid repair (parts and labour, before any waiver), which "
        "decides who approves the price before the quotation goes to the customer.",
    )
    waived_amount = fields.Monetary(
        currency_field="currency_id",
        copy=False,
        tracking=True,
        help="Part of the charge not billed to the customer; approved at the level of the "
        "waived amount.",
    )
    waiver_reason = fields.Text(copy=False)

    @api.onchange("move_ids", "labour_ids")
    def _onchange_lines_warn_approval_reset(self):
        """Say, before the change is saved, which approvals an edit of the parts or labour
        sends back (issue 17)."""
        repair = self._origin
        if not repair or repair.state in ("done", "cancel"):
            return None
        resets = []
        if repair.approval_state in ("approved", "pending"):
            resets.append(_("the service price approval"))
        if repair.customer_approval_state == "approved":
            resets.append(_("the customer's approval of the estimate"))
        if not resets:
            return None
        return {
            "warning": {
                "title": _("Approval will be asked again"),
                "message": _(
                    "Saving this change to the parts or labour of %(name)s resets %(what)s: "
                    "it must be given again before the work goes on.",
                    name=repair.name,
                    what=_(" and ").join(resets),
                ),
            }
        }

    @api.depends(
        "service_category",
        "under_warranty",
        "move_ids.repair_price_subtotal",
        "move_ids.is_declined",
        "labour_ids.price_subtotal",
        "labour_ids.is_declined",
    )
    def _compute_approval_amount(self):
        for repair in self:
            charged = repair.service_category == "paid" and not repair.under_warranty
            repair.approval_amount = repair.estimate_amount if charged else 0.0

    @api.constrains("waived_amount", "waiver_reason")
    def _check_waived_amount(self):
        for repair in self:
            rounding = repair.currency_id.rounding
            if float_compare(repair.waived_amount, 0.0, precision_rounding=rounding) < 0:
                raise ValidationError(
                    _("The waived amount of %(name)s cannot be negative.", name=repair.name)
                )
            if (
                float_compare(repair.waived_amount, 0.0, precision_rounding=rounding) > 0
                and not (repair.waiver_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Give the reason for waiving part of the charge of %(name)s.",
                        name=repair.name,
                    )
                )

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # the approvers the approval engine already subscribed in one batch
        if self._approval_followers_cover(partner_ids, subtype_ids):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def _get_approval_requirements(self):
        self.ensure_one()
        requirements = super()._get_approval_requirements()
        if self.waived_amount:
            requirements.append(
                {
                    "document_type": "repair_waiver",
                    "amount": self.waived_amount,
                }
            )
        return requirements

    def _aftersales_check_can_send_quotation(self):
        res = super()._aftersales_check_can_send_quotation()
        for repair in self:
            if (
                float_compare(
                    repair.waived_amount,
                    repair.approval_amount,
                    precision_rounding=repair.currency_id.rounding,
                )
                > 0
                and repair.approval_amount
            ):
                raise UserError(
                    _(
                        "The waived amount of %(name)s is higher than its charged total: "
                        "lower the waiver.",
                        name=repair.name,
                    )
                )
        self._check_approved()
        return res


class RepairOrderServiceLevel(models.Model):
    """Service deadlines, dispatch, technician time and the quality loop of a repair
    (DOMAIN.md §3, §7, §9)."""

    _name = "repair.order"
    _inherit = ["repair.order", "aftersales.sla.mixin"]

    service_centre_id = fields.Many2one(
        "aftersales.service.centre",
        check_company=True,
        tracking=True,
        compute="_compute_service_centre_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The centre that serves the repair: its coordinates give the site distance, its "
        "calendar the working time of the deadlines. Default: the company's first centre.",
    )
    site_distance_km = fields.Float(
        string="Site Distance (km)",
        compute="_compute_site_distance_km",
        store=True,
        readonly=False,
        digits=(16, 1),
        help="Distance from the service centre to the site: computed (great circle) when both "
        "have coordinates, else entered. An unknown distance counts as 0 km.",
    )
    site_zone = fields.Selection(
        [("urban", "Urban"), ("suburban", "Suburban")],
        help="When set, the urban/suburban arrival targets apply instead of the distance bands.",
    )
    customer_unreachable = fields.Boolean(
        tracking=True,
        help="The service clock pauses while the customer cannot be reached.",
    )
    first_contact_date = fields.Datetime(string="First Contact", readonly=True, copy=False)
    factory_shipped_date = fields.Datetime(string="Shipped to Factory", readonly=True, copy=False)
    factory_received_date = fields.Datetime(string="Back from Factory", readonly=True, copy=False)
    customer_notified_date = fields.Datetime(string="Customer Notified", readonly=True, copy=False)
    dispatch_ids = fields.One2many("aftersales.dispatch", "repair_id", string="Trips")
    dispatch_count = fields.Integer(string="Trip Count", compute="_compute_dispatch_count")
    work_log_ids = fields.One2many("aftersales.work.log", "repair_id", string="Work Logs")
    work_hours = fields.Float(string="Hours Logged", compute="_compute_work_hours")
    failure_report_ids = fields.One2many(
        "aftersales.failure.report", "repair_id", string="Failure Reports"
    )
    kb_solution_ids = fields.Many2many(
        "aftersales.kb.solution",
        string="Suggested Solutions",
        compute="_compute_kb_solution_ids",
    )
    kb_solution_count = fields.Integer(string="Solution Count", compute="_compute_kb_solution_ids")

    @api.depends("company_id")
    def _compute_service_centre_id(self):
        centres = {}
        for repair in self:
            company = repair.company_id
            if repair.service_centre_id.company_id == company:
                continue
            if company not in centres:
                centres[company] = self.env["aftersales.service.centre"].search(
                    [("company_id", "=", company.id)], limit=1
                )
            repair.service_centre_id = centres[company]

    @api.depends(
        "site_partner_id.partner_latitude",
        "site_partner_id.partner_longitude",
        "partner_id.partner_latitude",
        "partner_id.partner_longitude",
        "service_centre_id.latitude",
        "service_centre_id.longitude",
    )
    def _compute_site_distance_km(self):
        for repair in self:
            centre = repair.service_centre_id
            if not centre:
                continue
            site = repair.site_partner_id
            if not (site.partner_latitude or site.partner_longitude):
                site = repair.partner_id
            distance = centre._distance_to(site)
            if distance is not None:
                repair.site_distance_km = round(distance, 1)

    def _compute_dispatch_count(self):
        counts = dict(
            self.env["aftersales.dispatch"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["__count"]
            )
        )
        for repair in self:
            repair.dispatch_count = counts.get(repair, 0)

    def _compute_work_hours(self):
        hours = dict(
            self.env["aftersales.work.log"]._read_group(
                [("repair_id", "in", self.ids)], ["repair_id"], ["hours:sum"]
            )
        )
        for repair in self:
            repair.work_hours = hours.get(repair, 0.0)

    @api.depends("fault_code_id", "product_id")
    def _compute_kb_solution_ids(self):
        suggestions = self.env["aftersales.kb.solution"]._suggest_for(self)
        for repair in self:
            solutions = suggestions.get(repair.id, self.env["aftersales.kb.solution"])
            repair.kb_solution_ids = solutions
            repair.kb_solution_count = len(solutions)

    @api.constrains("site_distance_km")
    def _check_site_distance_km(self):
        for repair in self:
            if repair.site_distance_km < 0:
                raise ValidationError(_("The site distance cannot be negative."))

    def action_validate(self):
        res = super().action_validate()
        factory = self.filtered(
            lambda r: r.service_mode == "factory_return" and r.state != "draft"
        )
        self.env["aftersales.sla.deadline"]._sla_start(factory, "factory_shipping")
        return res

    def action_repair_start(self):
        res = super().action_repair_start()
        deadline_model = self.env["aftersales.sla.deadline"]
        deadline_model._sla_meet(self, "first_contact")
        deadline_model._sla_meet(self, "solution")
        return res

    def action_repair_done(self):
        res = super().action_repair_done()
        done = self.filtered(lambda r: r.state == "done")
        self.env["aftersales.sla.deadline"]._sla_meet(done, "completion")
        missing = done.filtered(lambda r: not r.failure_report_ids)
        if missing:
            self.env["aftersales.failure.report"].create(
                [{"repair_id": repair.id} for repair in missing]
            )
        return res

    def action_repair_cancel(self):
        res = super().action_repair_cancel()
        self.env["aftersales.sla.deadline"]._sla_cancel(self)
        return res

    def action_log_first_contact(self):
        """The customer was contacted: meets the first-contact target."""
        now = fields.Datetime.now()
        for repair in self.filtered(lambda r: not r.first_contact_date):
            repair.first_contact_date = now
            repair.message_post(body=_("First contact with the customer logged."))
        self.env["aftersales.sla.deadline"]._sla_meet(self, "first_contact", when=now)
        return True

    def action_factory_shipped(self):
        """The critical part or unit left for the factory: meets the shipping target."""
        now = fields.Datetime.now()
        self.write({"factory_shipped_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "factory_shipping", when=now)
        return True

    def action_factory_received(self):
        """Back from the factory: starts the customer-notification target."""
        now = fields.Datetime.now()
        self.write({"factory_received_date": now})
        self.env["aftersales.sla.deadline"]._sla_start(self, "customer_notification", start=now)
        return True

    def action_customer_notified(self):
        now = fields.Datetime.now()
        self.write({"customer_notified_date": now})
        self.env["aftersales.sla.deadline"]._sla_meet(self, "customer_notification", when=now)
        return True

    def action_view_dispatches(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_dispatch_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_work_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_work_log_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action

    def action_view_failure_report(self):
        self.ensure_one()
        report = self.failure_report_ids[:1] or self.env["aftersales.failure.report"].create(
            {"repair_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.failure.report",
            "res_id": report.id,
            "view_mode": "form",
        }

    def action_view_kb_solutions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_kb_solution_action"
        )
        action["domain"] = [("id", "in", self.kb_solution_ids.ids)]
        return action

    def action_share_fix(self):
        """Offer the fix of a closed repair to the knowledge base as a draft solution, which
        a manager reviews before technicians see it."""
        self.ensure_one()
        report = self.failure_report_ids[:1]
        parts = self.move_ids.filtered(lambda m: m.repair_line_type == "add").product_id
        solution = self.env["aftersales.kb.solution"].create(
            {
                "name": _(
                    "%(fault)s on %(product)s",
                    fault=self.fault_code_id.name or _("Fault"),
                    product=self.product_id.display_name or "",
                ),
                "product_id": self.product_id.id,
                "fault_code_id": self.fault_code_id.id,
                "symptoms": self.fault_description,
                "diagnosis_steps": self.diagnosis_notes,
                "fix": plaintext2html(report.corrective_action)
                if report.corrective_action
                else self.diagnosis_notes,
                "part_ids": [fields.Command.set(parts.ids)],
                "source_repair_id": self.id,
                "company_id": self.company_id.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.kb.solution",
            "res_id": solution.id,
            "view_mode": "form",
        }

    def _aftersales_mark_sent(self):
        res = super()._aftersales_mark_sent()
        deadline_model = self.env["aftersales.sla.deadline"]
        deadline_model._sla_meet(self, "first_contact")
        deadline_model._sla_meet(self, "solution")
        return res

    def _sla_auto_kinds(self):
        return ("first_contact", "solution", "dispatch", "arrival", "completion")

    def _sla_trigger_fields(self):
        return (
            "service_mode",
            "intake_channel",
            "priority",
            "partner_id",
            "site_partner_id",
            "site_distance_km",
            "site_zone",
            "service_centre_id",
            "company_id",
            "user_id",
        )

    def _sla_pause_fields(self):
        return ("customer_approval_state", "customer_unreachable", "quotation_sent_date")

    def _sla_is_waiting(self):
        """Waiting on the customer: unreachable, or the quotation was sent and the customer
        has not decided yet."""
        self.ensure_one()
        return self.customer_unreachable or (
            self.customer_approval_state == "pending" and bool(self.quotation_sent_date)
        )

    def _sla_values(self):
        result = super()._sla_values()
        for repair in self:
            centre = repair.service_centre_id
            result[repair.id].update(
                distance_km=repair.site_distance_km or 0.0,
                zone=repair.site_zone or False,
                calendar=centre.resource_calendar_id or repair.company_id.resource_calendar_id,
                team_id=centre.team_id.id,
                service_centre_id=centre.id,
            )
        return result


class RepairOrderBilling(models.Model):
    """Billing of a repair: what was estimated, charged, given free, invoiced, paid and
    collected on site, and the reminder for repairs done but not invoiced (DOMAIN.md §5, §9).
    The billing fields and their computes are declared on the first class of this file."""

    # repair.order is extended here one feature per class, on purpose (see the other classes)
    _inherit = "repair.order"  # pylint: disable=consider-merging-classes-inherited

    def _aftersales_billing_part_values(self):
        """(list price value, cost) of each part added by the repair, not cancelled."""
        self.ensure_one()
        moves = self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state != "cancel" and not m.is_declined
        )
        return [
            (m.product_id.lst_price * m.product_qty, m.product_id.standard_price * m.product_qty)
            for m in moves
        ]

    def _aftersales_billing_labour_values(self):
        """(list price value, cost) of each labour line of the repair."""
        self.ensure_one()
        return [
            (line.product_id.lst_price * line.hours, line.product_id.standard_price * line.hours)
            for line in self.labour_ids
            if not line.is_declined
        ]

    def _aftersales_billing_status(
        self, charged, invoiced, residual, has_invoice, difference, covered
    ):
        """The billing status from the amounts of the repair (see _compute_billing)."""
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01

        def is_zero(amount):
            return float_is_zero(amount, precision_rounding=rounding)

        if has_invoice:
            if difference:
                return "difference"
            if is_zero(invoiced):
                return "nothing_to_bill"
            if is_zero(residual):
                return "paid"
            if float_compare(residual, invoiced, precision_rounding=rounding) < 0:
                return "partially_paid"
            return "invoiced"
        # charged on the sale order, or billable work without a sale order yet
        billable = not self.sale_order_id and (
            float_compare(self.amount_estimated, covered, precision_rounding=rounding) > 0
        )
        return "to_invoice" if not is_zero(charged) or billable else "nothing_to_bill"

    def _aftersales_billing_covered(self, values):
        """(sales value, cost) of the parts and labour given free: lines priced at zero on the
        sale order, or, before there is a sale order, every line of a repair under warranty."""
        self.ensure_one()
        free_lines = values.get("free_sale_lines", set())
        free_repair = self.under_warranty or self.service_category == "free"
        covered = cost = 0.0
        moves = self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state != "cancel" and not m.is_declined
        )
        for move in moves:
            is_free = move.sale_line_id.id in free_lines if move.sale_line_id else free_repair
            if is_free:
                covered += move.product_id.lst_price * move.product_qty
                cost += move.product_id.standard_price * move.product_qty
        for line in self.labour_ids.filtered(lambda line: not line.is_declined):
            if line.sale_line_id:
                is_free = line.sale_line_id.id in free_lines
            else:
                is_free = free_repair or not line.price_unit
            if is_free:
                covered += line.product_id.lst_price * line.hours
                cost += line.product_id.standard_price * line.hours
        return covered, cost

    def _aftersales_billing_sale_lines(self):
        """{repair id: sale order lines of that repair}. A sale order made for one repair is
        all of it; a sale order shared by several repairs is split by the repair's parts and
        labour lines and the line the repair was created from."""
        orders = self.sale_order_id
        repairs_per_order = {
            order.id: repairs
            for order, repairs in self.env["repair.order"]._read_group(
                [("sale_order_id", "in", orders.ids)], ["sale_order_id"], ["id:recordset"]
            )
        }
        owner = {}
        for repair in self:
            for line in (
                repair.move_ids.sale_line_id
                | repair.labour_ids.sale_line_id
                | repair.sale_order_line_id
            ):
                owner[line.id] = repair.id
        all_lines = orders.order_line
        line_ids = defaultdict(list)
        for line in all_lines:
            if line.display_type:
                continue
            repairs = repairs_per_order.get(line.order_id.id)
            repair_id = owner.get(line.id) or (len(repairs) == 1 and repairs.id)
            if repair_id:
                line_ids[repair_id].append(line.id)
        # keep the prefetch set of all the lines, so that reading them repair by repair
        # fetches the data of all the repairs at once
        return {
            repair_id: all_lines.browse(ids).with_prefetch(all_lines._prefetch_ids)
            for repair_id, ids in line_ids.items()
        }

    def _aftersales_billing_data(self):
        """Charged and invoiced amounts of the repairs, line by line, in batch."""
        result = {}
        lines_per_repair = self._aftersales_billing_sale_lines()
        invoice_types = ("out_invoice", "out_refund")
        # read the invoices of all the repairs at once, not repair by repair
        all_lines = self.env["sale.order.line"].union(*lines_per_repair.values())
        all_invoice_lines = all_lines.invoice_lines
        all_invoices = all_invoice_lines.move_id
        all_invoices.mapped("amount_residual")
        all_invoices.invoice_line_ids.mapped("sale_line_ids")
        for repair in self:
            lines = lines_per_repair.get(repair.id, self.env["sale.order.line"])
            lines = lines.filtered(lambda line: line.order_id.state != "cancel")
            invoice_lines = lines.invoice_lines.filtered(
                lambda aml: aml.parent_state == "posted" and aml.move_id.move_type in invoice_types
            )
            invoices = invoice_lines.move_id
            rounding = repair.currency_id.rounding or 0.01
            details = []
            charged = invoiced = residual = 0.0
            for line in lines:
                charged += line.price_total
                billed = sum(
                    aml.price_total * (-1 if aml.move_id.move_type == "out_refund" else 1)
                    for aml in line.invoice_lines & invoice_lines
                )
                if invoices and not float_is_zero(
                    billed - line.price_total, precision_rounding=rounding
                ):
                    details.append(
                        _(
                            "%(line)s: charged %(charged)s, invoiced %(invoiced)s",
                            line=line.name.split("\n")[0],
                            charged=format_amount(self.env, line.price_total, repair.currency_id),
                            invoiced=format_amount(self.env, billed, repair.currency_id),
                        )
                    )
            for invoice in invoices:
                sign = -1 if invoice.move_type == "out_refund" else 1
                own = invoice.invoice_line_ids & invoice_lines
                foreign = (invoice.invoice_line_ids - invoice_lines).filtered(
                    lambda aml: aml.display_type == "product"
                )
                extra = foreign.filtered(lambda aml: not aml.sale_line_ids)
                if not (foreign - extra):
                    # the whole invoice is this repair's (with lines typed on the invoice)
                    total = invoice.amount_total
                    share = 1.0
                    for aml in extra:
                        details.append(
                            _(
                                "%(line)s: not on the sale order, invoiced %(invoiced)s on "
                                "%(invoice)s",
                                line=(aml.name or aml.product_id.display_name).split("\n")[0],
                                invoiced=format_amount(
                                    self.env, sign * aml.price_total, repair.currency_id
                                ),
                                invoice=invoice.name,
                            )
                        )
                else:
                    total = sum(own.mapped("price_total"))
                    share = total / invoice.amount_total if invoice.amount_total else 0.0
                invoiced += sign * total
                residual += sign * invoice.amount_residual * share
            free_lines = {
                line.id
                for line in lines
                if float_is_zero(line.price_unit, precision_rounding=rounding)
                or line.discount >= 100.0
            }
            result[repair.id] = {
                "charged": charged,
                "invoiced": invoiced,
                "residual": residual,
                "has_invoice": bool(invoices),
                "details": details,
                "free_sale_lines": free_lines,
            }
        return result

    def _aftersales_posted_invoices(self):
        """Posted customer invoices and credit notes of the repairs' sale orders."""
        # sudo: only follows the links repair -> parts/labour -> sale lines -> invoices, which
        # an accountant may not read on the repair side; the invoices are returned in the
        # caller's environment.
        lines_per_repair = self.sudo()._aftersales_billing_sale_lines()
        lines = self.env["sale.order.line"].sudo().union(*lines_per_repair.values())
        invoices = lines.invoice_lines.move_id.filtered(
            lambda move: move.state == "posted" and move.move_type in ("out_invoice", "out_refund")
        )
        return invoices.with_env(self.env)

    def _aftersales_valuation_move_lines(self):
        """Journal items of the stock valuation of the repairs' moves (parts consumed, the
        unit moved back): the warranty cost of free repairs as booked by the accounting."""
        return self.env["account.move.line"].search(
            [
                ("move_id.stock_move_id.repair_id", "in", self.ids),
                ("parent_state", "=", "posted"),
            ]
        )

    @api.model
    def _cron_aftersales_invoice_reminder(self):
        """Daily: an activity for the responsible of each repair done and still not invoiced
        after the company's delay (once per repair, however often the cron runs)."""
        activity_type = self.env.ref(
            "aftersales_repair.mail_activity_type_repair_to_invoice", raise_if_not_found=False
        )
        if not activity_type:
            return
        now = fields.Datetime.now()
        repairs = self.search(
            [("state", "=", "done"), ("billing_status", "=", "to_invoice")]
        ).filtered(
            lambda r: (
                r.date_repaired
                and r.date_repaired
                <= now - timedelta(days=r.company_id.aftersales_invoice_delay_days or 7)
            )
        )
        if not repairs:
            return
        already = {
            res_id
            for (res_id,) in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", repairs.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        for repair in repairs.filtered(lambda r: r.id not in already):
            repair.activity_schedule(
                act_type_xmlid="aftersales_repair.mail_activity_type_repair_to_invoice",
                user_id=(repair.user_id or repair.create_uid).id,
                note=_(
                    "Repair %(repair)s was repaired on %(date)s and charges %(amount)s but is "
                    "not invoiced yet.",
                    repair=repair.name,
                    date=fields.Date.to_date(repair.date_repaired),
                    amount=format_amount(self.env, repair.amount_charged, repair.currency_id),
                ),
            )


class RepairOrderWorkshop(models.Model):
    """Work and inspection, old parts, loan units, handover and settlement of a repair
    (issue 3 points 4-7, DOMAIN.md §5, §7, §9). Odoo's 'End Repair' sends the order to a final
    inspection; only a passed inspection makes it 'Repaired'."""

    _inherit = "repair.order"

    state = fields.Selection(
        selection_add=[("inspection", "Inspection"), ("done",)],
        ondelete={"inspection": lambda repairs: repairs.write({"state": "under_repair"})},
        group_expand="_group_expand_states",
    )
    inspection_ids = fields.One2many(
        "aftersales.repair.inspection",
        "repair_id",
        string="Inspections",
        copy=False,
        readonly=True,
    )
    inspection_passed = fields.Boolean(
        compute="_compute_inspection_passed",
        store=True,
        help="The last final inspection of the repair passed.",
    )
    old_part_ids = fields.One2many(
        "aftersales.repair.old.part", "repair_id", string="Old Parts", copy=False
    )
    old_part_count = fields.Integer(compute="_compute_old_part_count")
    loan_ids = fields.One2many("aftersales.loan", "repair_id", string="Loan Units", copy=False)
    loan_count = fields.Integer(compute="_compute_loan_count")
    has_loan_out = fields.Boolean(
        string="Loan Unit Out",
        compute="_compute_loan_state",
        store=True,
        help="A loan unit of this repair is still with the customer.",
    )
    loan_override_reason = fields.Text(
        copy=False,
        readonly=True,
        tracking=True,
        help="Why a manager allowed closing the repair while its loan unit is out.",
    )
    loan_override_user_id = fields.Many2one(
        "res.users", string="Loan Override By", copy=False, readonly=True
    )
    loan_override_date = fields.Datetime(string="Loan Override On", copy=False, readonly=True)

    handover_unit_cleaned = fields.Boolean(string="Unit Cleaned", copy=False, tracking=True)
    handover_accessories_returned = fields.Boolean(
        string="Accessories Returned", copy=False, tracking=True
    )
    handover_old_parts_shown = fields.Boolean(
        string="Old Parts Shown to Customer", copy=False, tracking=True
    )
    handover_advice_given = fields.Boolean(string="Advice Given", copy=False, tracking=True)
    handover_advice = fields.Text(string="Advice to the Customer", copy=False)
    next_maintenance_date = fields.Date(string="Next Maintenance", copy=False, tracking=True)
    handover_date = fields.Datetime(
        string="Handed Over On", copy=False, readonly=True, tracking=True
    )
    handover_user_id = fields.Many2one(
        "res.users", string="Handed Over By", copy=False, readonly=True
    )

    # ------------------------------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------------------------------
    @api.model
    def _group_expand_states(self, states, domain):
        """Kanban columns in workflow order (not alphabetical); Cancelled only when some
        repair in the view is cancelled."""
        return [
            state
            for state in self._fields["state"].get_values(self.env)
            if state != "cancel" or state in states
        ]

    @api.depends("inspection_ids.result", "inspection_ids.date", "state")
    def _compute_inspection_passed(self):
        for repair in self:
            last = repair.inspection_ids.sorted(lambda i: (i.date, i.id))[-1:]
            repair.inspection_passed = bool(
                repair.state in ("inspection", "done") and last.result == "pass"
            )

    @api.depends("old_part_ids")
    def _compute_old_part_count(self):
        for repair in self:
            repair.old_part_count = len(repair.old_part_ids)

    @api.depends("loan_ids")
    def _compute_loan_count(self):
        for repair in self:
            repair.loan_count = len(repair.loan_ids)

    @api.depends("loan_ids.state")
    def _compute_loan_state(self):
        for repair in self:
            repair.has_loan_out = any(loan.state == "out" for loan in repair.loan_ids)

    # ------------------------------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------------------------------
    def action_repair_end(self):
        """The technician finishes: parts must be consumed; the order then goes to the final
        inspection instead of Odoo's 'Repaired' (see action_repair_done)."""
        self._aftersales_check_parts_consumed()
        return super(
            RepairOrderWorkshop, self.with_context(aftersales_to_inspection=True)
        ).action_repair_end()

    def action_repair_done(self):
        if self.env.context.get("aftersales_to_inspection"):
            return self._aftersales_send_to_inspection()
        not_passed = self.filtered(lambda r: r.state != "inspection" or not r.inspection_passed)
        if not_passed:
            raise UserError(
                _(
                    "Repair %(names)s has not passed its final inspection. End the repair to "
                    "send it to inspection; a quality inspector who is not the technician must "
                    "pass it before it is repaired.",
                    names=", ".join(not_passed.mapped("name")),
                )
            )
        return super().action_repair_done()

    def action_open_inspection_wizard(self):
        self.ensure_one()
        self._aftersales_check_can_inspect()
        return {
            "type": "ir.actions.act_window",
            "name": _("Final Inspection"),
            "res_model": "aftersales.repair.inspection.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_repair_id": self.id,
                "default_result": self.env.context.get("inspection_result", "pass"),
            },
        }

    def action_inspection_pass(self, notes=None):
        """The quality inspector passes the repair: it becomes 'Repaired' (Odoo's done flow)."""
        self._aftersales_check_can_inspect()
        self._aftersales_record_inspection("pass", notes)
        self._aftersales_log_note(
            _(
                "Final inspection passed by %(user)s.%(notes)s",
                user=self.env.user.name,
                notes=(" " + notes) if notes else "",
            )
        )
        return self.action_repair_done()

    def action_inspection_fail(self, reason):
        """The quality inspector fails the repair: back to the technician with the reason."""
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the failed inspection."))
        self._aftersales_check_can_inspect()
        for repair in self:
            repair._aftersales_record_inspection("fail", reason)
            repair.write({"state": "under_repair"})
            repair.message_post(
                body=_(
                    "Final inspection failed by %(user)s: %(reason)s. Back to repair.",
                    user=self.env.user.name,
                    reason=reason,
                )
            )
            if repair.user_id:
                repair.activity_schedule(
                    act_type_xmlid="mail.mail_activity_data_todo",
                    summary=_("Inspection failed"),
                    note=reason,
                    user_id=repair.user_id.id,
                )
        return True

    def action_generate_old_parts(self):
        """One old-part line per part line added, for the parts it replaced."""
        for repair in self:
            moves = (
                repair.move_ids.filtered(
                    lambda m: (
                        m.repair_line_type == "add" and m.state != "cancel" and not m.is_declined
                    )
                )
                - repair.old_part_ids.replaced_by_move_id
            )
            self.env["aftersales.repair.old.part"].create(
                [
                    {
                        "repair_id": repair.id,
                        "replaced_by_move_id": move.id,
                        "product_id": move.product_id.id,
                        "quantity": move.quantity or move.product_uom_qty,
                    }
                    for move in moves
                ]
            )
        return True

    def action_view_old_parts(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Old Parts of %(name)s", name=self.name),
            "res_model": "aftersales.repair.old.part",
            "view_mode": "list,form",
            "domain": [("repair_id", "=", self.id)],
            "context": {"default_repair_id": self.id},
        }

    def action_view_loans(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.aftersales_loan_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {
            "default_repair_id": self.id,
            "default_expected_return_date": fields.Date.to_string(
                (self.estimated_completion_date or fields.Datetime.now()).date()
                + timedelta(days=1)
            ),
        }
        return action

    def action_open_loan_override_wizard(self):
        self.ensure_one()
        self._aftersales_check_can_override_loan()
        return {
            "type": "ir.actions.act_window",
            "name": _("Close With Loan Unit Out"),
            "res_model": "aftersales.loan.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_repair_id": self.id},
        }

    def action_loan_override(self, reason):
        """A manager allows closing the repair although its loan unit is out; the reason is
        recorded on the repair and in its chatter."""
        self.ensure_one()
        self._aftersales_check_can_override_loan()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for closing the repair with its loan unit out."))
        self.write(
            {
                "loan_override_reason": reason,
                "loan_override_user_id": self.env.user.id,
                "loan_override_date": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=_(
                "%(user)s allowed closing the repair with loan unit(s) %(loans)s out: %(reason)s",
                user=self.env.user.name,
                loans=", ".join(
                    self.loan_ids.filtered(lambda loan: loan.state == "out").mapped("name")
                ),
                reason=reason,
            )
        )
        return True

    def action_handover(self):
        """Hand the repaired unit over to the customer and close the repair: checklist done,
        old parts dealt with, loan unit back (or a manager's override)."""
        for repair in self:
            if repair.state != "done":
                raise UserError(
                    _(
                        "Repair %(name)s must be repaired (inspection passed) before handover.",
                        name=repair.name,
                    )
                )
            if repair.handover_date:
                raise UserError(_("Repair %(name)s is already handed over.", name=repair.name))
            repair._aftersales_check_handover_checklist()
            repair._aftersales_check_loans_back()
            pending = repair.old_part_ids.filtered(lambda p: p.state == "pending")
            pending.action_process()
            repair.loan_ids.filtered(lambda loan: loan.state == "draft").action_cancel()
            repair.write(
                {"handover_date": fields.Datetime.now(), "handover_user_id": self.env.user.id}
            )
            repair.message_post(
                body=_(
                    "Unit handed over to the customer by %(user)s; repair closed.",
                    user=self.env.user.name,
                )
            )
        return True

    def action_print_settlement(self):
        self.ensure_one()
        self._aftersales_check_handover_checklist()
        return self.env.ref("aftersales_repair.action_report_repair_settlement").report_action(
            self
        )

    @api.model
    def action_aftersales_landing(self):
        """Where the After-Sales app opens, by role: managers and approvers on the approvals
        waiting for them, the front desk on the units to receive or hand over, inspectors on
        the repairs to inspect, technicians on their own repairs."""
        user = self.env.user
        approval = self.env.ref("aftersales_repair.module_category_aftersales_approval")
        approver = user.groups_id.filtered(lambda g: g.category_id == approval)
        if approver or user.has_group("aftersales_repair.aftersales_group_manager"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "aftersales_approval.aftersales_approval_review_action_to_approve"
            )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_repair.repair_order_action"
        )
        if user.has_group("aftersales_repair.aftersales_group_user"):
            action["context"] = {
                "search_default_to_receive": 1,
                "search_default_not_handed_over": 1,
            }
        elif user.has_group("aftersales_repair.aftersales_group_quality_inspector"):
            action["context"] = {"search_default_in_inspection": 1}
        else:
            action["context"] = {"search_default_my_repairs": 1}
        return action

    # ------------------------------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------------------------------
    def _aftersales_check_parts_consumed(self):
        """Every part line to add must be consumed in full (reserved and used through its stock
        move) before the repair ends."""
        for repair in self:
            missing = repair.move_ids.filtered(
                lambda m: (
                    m.repair_line_type == "add"
                    and m.state not in ("done", "cancel")
                    and float_compare(
                        m.quantity, m.product_uom_qty, precision_rounding=m.product_uom.rounding
                    )
                    < 0
                )
            )
            if missing:
                raise UserError(
                    _(
                        "Repair %(name)s cannot end: these parts are not consumed in full: "
                        "%(parts)s. Check availability to reserve them and set the quantity "
                        "used, or lower the demand to what was used (remove a part that was not "
                        "fitted), then end the repair again.",
                        name=repair.name,
                        parts=", ".join(
                            "%s (%g/%g)"
                            % (m.product_id.display_name, m.quantity, m.product_uom_qty)
                            for m in missing
                        ),
                    )
                )
            # Odoo consumes only the picked parts when some are picked: the others would be
            # cancelled silently
            active = repair.move_ids.filtered(
                lambda m: m.repair_line_type == "add" and m.state not in ("done", "cancel")
            )
            unpicked = active.filtered(lambda m: not m.picked)
            if unpicked and unpicked != active:
                raise UserError(
                    _(
                        "Repair %(name)s cannot end: some parts are marked as used (picked) but "
                        "not these: %(parts)s. Mark them as used too, or remove the lines of "
                        "parts that were not fitted, then end the repair again.",
                        name=repair.name,
                        parts=", ".join(unpicked.product_id.mapped("display_name")),
                    )
                )

    def _aftersales_send_to_inspection(self):
        """Replaces Odoo's done step at the end of the repair: the order waits for the final
        inspection; old-part lines are prepared for the parts replaced."""
        self.write({"state": "inspection"})
        self.action_generate_old_parts()
        self._aftersales_log_note(
            _(
                "Repair finished by %(user)s; waiting for the final quality inspection.",
                user=self.env.user.name,
            )
        )
        return True

    def _aftersales_log_note(self, body):
        """Log the same internal note on each repair in one batch, authored by the current
        user. A note notifies no follower: Odoo's message_post machinery (recipients, reply-to,
        e-mails) would only cost queries on every order of a batch."""
        self._message_log_batch({repair.id: body for repair in self})

    def _aftersales_check_can_inspect(self):
        user = self.env.user
        if not user.has_group("aftersales_repair.aftersales_group_quality_inspector"):
            raise AccessError(_("Only a quality inspector can record the final inspection."))
        for repair in self:
            if repair.state != "inspection":
                raise UserError(
                    _("Repair %(name)s is not waiting for inspection.", name=repair.name)
                )
            technicians = repair.user_id | repair.labour_ids.technician_id
            if user in technicians:
                raise UserError(
                    _(
                        "You worked on repair %(name)s and cannot inspect it: a quality "
                        "inspector who is not its technician must do the final inspection.",
                        name=repair.name,
                    )
                )

    def _aftersales_record_inspection(self, result, notes):
        """One inspection record per repair, created in one batch."""
        return self.env["aftersales.repair.inspection"].create(
            [
                {
                    "repair_id": repair.id,
                    "inspector_id": self.env.user.id,
                    "technician_id": repair.user_id.id,
                    "result": result,
                    "notes": notes or False,
                }
                for repair in self
            ]
        )

    def _aftersales_check_can_override_loan(self):
        if not self.env.user.has_group("aftersales_repair.aftersales_group_manager"):
            raise AccessError(
                _("Only an After-Sales Manager can close a repair while its loan unit is out.")
            )
        for repair in self:
            if not repair.has_loan_out:
                raise UserError(_("Repair %(name)s has no loan unit out.", name=repair.name))

    def _aftersales_check_loans_back(self):
        self.ensure_one()
        out = self.loan_ids.filtered(lambda loan: loan.state == "out")
        if out and not self.loan_override_reason:
            raise UserError(
                _(
                    "Loan unit %(loans)s of repair %(name)s is still out with the customer. "
                    "Take it back (Return on the loan) before closing the repair, or ask an "
                    "After-Sales Manager to override with a reason.",
                    loans=", ".join("%s (%s)" % (loan.name, loan.lot_id.name) for loan in out),
                    name=self.name,
                )
            )

    def _aftersales_check_handover_checklist(self):
        self.ensure_one()
        missing = []
        if not self.handover_unit_cleaned:
            missing.append(self._fields["handover_unit_cleaned"].string)
        if not self.handover_accessories_returned:
            missing.append(self._fields["handover_accessories_returned"].string)
        if self.old_part_ids and not self.handover_old_parts_shown:
            missing.append(self._fields["handover_old_parts_shown"].string)
        if not self.handover_advice_given:
            missing.append(self._fields["handover_advice_given"].string)
        no_disposition = self.old_part_ids.filtered(lambda p: not p.disposition)
        if no_disposition:
            missing.append(
                _(
                    "Disposition of old parts: %(parts)s",
                    parts=", ".join(no_disposition.mapped("display_name")),
                )
            )
        if missing:
            raise UserError(
                _(
                    "Complete the handover checklist of %(name)s first: %(items)s.",
                    name=self.name,
                    items="; ".join(missing),
                )
            )

    def _aftersales_line_is_covered(self, line):
        """Whether the company gives this part (stock.move) or labour line free of charge: a
        free or internal repair, a part under Odoo's warranty tick, or a line the coverage
        priced at zero (on the repair's sale order, or on the line itself while the product
        has a price). Hook for the warranty module."""
        self.ensure_one()
        is_part = line._name == "stock.move"
        if is_part and line.supply_type == "customer":
            return False  # the customer's own part: neither given nor charged
        if self.service_category in ("free", "internal"):
            return True
        if is_part and self.under_warranty:
            return True
        sale_line = line.sale_line_id.filtered(lambda sol: sol.state != "cancel")
        if sale_line:
            return bool(
                sale_line.product_uom_qty and self.currency_id.is_zero(sale_line.price_unit)
            )
        own_price = line.repair_price_unit if is_part else line.price_unit
        return bool(self.currency_id.is_zero(own_price) and line.product_id.lst_price)

    def _aftersales_settlement_lines(self):
        """Parts and labour of the settlement, each either covered (given free, at its list
        price) or charged (at the price of the estimate): a list of dicts (kind, line, name,
        quantity, uom, price_unit, covered, charged, no_quality_guarantee)."""
        self.ensure_one()
        lines = []
        moves = self.move_ids.filtered(
            lambda m: m.repair_line_type == "add" and m.state != "cancel" and not m.is_declined
        )
        for move in moves:
            qty = move.quantity if move.state == "done" else move.product_uom_qty
            covered = self._aftersales_line_is_covered(move)
            price = move.product_id.lst_price if covered else move.repair_price_unit
            value = self.currency_id.round(price * qty)
            lines.append(
                {
                    "kind": "part",
                    "line": move,
                    "name": move.product_id.display_name,
                    "quantity": qty,
                    "uom": move.product_uom.name,
                    "price_unit": price,
                    "covered": value if covered else 0.0,
                    "charged": 0.0 if covered else value,
                    "no_quality_guarantee": move.no_quality_guarantee,
                }
            )
        for labour in self.labour_ids.filtered(lambda line: not line.is_declined):
            covered = self._aftersales_line_is_covered(labour)
            price = labour.price_unit or (labour.product_id.lst_price if covered else 0.0)
            value = self.currency_id.round(price * labour.hours)
            lines.append(
                {
                    "kind": "labour",
                    "line": labour,
                    "name": labour.name or labour.product_id.display_name,
                    "quantity": labour.hours,
                    "uom": labour.product_id.uom_id.name,
                    "price_unit": price,
                    "covered": value if covered else 0.0,
                    "charged": 0.0 if covered else value,
                    "no_quality_guarantee": False,
                }
            )
        return lines

    def _aftersales_settlement_totals(self):
        """Totals of the settlement: covered (free) and charged at sales value, untaxed, and
        the amount the customer pays: the repair's sale order total (taxes included) when it
        has one, else the charged value."""
        self.ensure_one()
        lines = self._aftersales_settlement_lines()
        covered = sum(line["covered"] for line in lines)
        charged = sum(line["charged"] for line in lines)
        order = self.sale_order_id.filtered(lambda so: so.state != "cancel")
        return {
            "covered": covered,
            "charged": charged,
            "tax": order.amount_tax if order else 0.0,
            "to_pay": order.amount_total if order else charged,
        }

    def _aftersales_amount_in_words(self, amount):
        """The amount in words in the customer's language (the Chinese uppercase RMB form for
        Chinese), for the quotation and the settlement."""
        self.ensure_one()
        lang = self.partner_id.lang or self.env.lang or "en_US"
        return self.currency_id._aftersales_amount_to_words(amount, lang)
