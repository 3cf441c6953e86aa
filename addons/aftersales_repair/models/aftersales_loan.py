# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

LOAN_STATES = [
    ("draft", "Draft"),
    ("out", "Out with Customer"),
    ("returned", "Returned"),
    ("cancel", "Cancelled"),
]


class AftersalesLoan(models.Model):
    """A company-owned serial unit lent to the customer while their unit is repaired
    (readme/CONFIGURE.md, "Loan units"): a delivery to the customer and its return, both Odoo
    transfers."""

    _name = "aftersales.loan"
    _description = "Loan Unit"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.overdue.mixin"]
    _overdue_date_fields = ("expected_return_date",)
    _overdue_open_domain = [("state", "=", "out")]
    _order = "date_out desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="New")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    repair_id = fields.Many2one(
        "repair.order",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        check_company=True,
        tracking=True,
        help="Follows the loan up; gets an activity when the unit is overdue.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Loan Unit",
        required=True,
        check_company=True,
        domain="[('is_storable', '=', True), ('tracking', '=', 'serial')]",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        required=True,
        check_company=True,
        domain="[('product_id', '=', product_id)]",
        tracking=True,
    )
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        compute="_compute_warehouse_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        check_company=True,
    )
    date_out = fields.Datetime(string="Lent On", readonly=True, copy=False, tracking=True)
    expected_return_date = fields.Date(string="Expected Return", required=True, tracking=True)
    date_returned = fields.Datetime(string="Returned On", readonly=True, copy=False, tracking=True)
    state = fields.Selection(
        LOAN_STATES,
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    out_picking_id = fields.Many2one(
        "stock.picking", string="Delivery", readonly=True, copy=False, check_company=True
    )
    return_picking_id = fields.Many2one(
        "stock.picking", string="Return", readonly=True, copy=False, check_company=True
    )
    note = fields.Text(string="Notes")

    @api.depends("repair_id")
    def _compute_partner_id(self):
        for loan in self:
            loan.partner_id = loan.repair_id.partner_id or loan.partner_id

    @api.depends("repair_id", "company_id")
    def _compute_warehouse_id(self):
        for loan in self:
            warehouse = loan.repair_id.picking_type_id.warehouse_id
            if not warehouse:
                warehouse = self.env["stock.warehouse"].search(
                    [("company_id", "=", loan.company_id.id)], limit=1
                )
            loan.warehouse_id = warehouse

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for loan in self:
            if loan.lot_id.product_id != loan.product_id:
                raise ValidationError(
                    _(
                        "Serial %(lot)s is a %(lot_product)s, not a %(product)s.",
                        lot=loan.lot_id.name,
                        lot_product=loan.lot_id.product_id.display_name,
                        product=loan.product_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.loan") or _("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_moved(self):
        if self.filtered(lambda loan: loan.state in ("out", "returned")):
            raise UserError(_("A loan unit that went out cannot be deleted; cancel it instead."))

    def action_lend(self):
        """Deliver the loan unit to the customer: an outgoing transfer of the warehouse,
        validated for the serial."""
        for loan in self:
            if loan.state != "draft":
                raise UserError(
                    _("Loan %(name)s is not a draft: it cannot be lent again.", name=loan.name)
                )
            loan._check_unit_available()
            picking = loan._create_out_picking()
            # linked before it is validated: the delivery of a loan unit is known as such
            # when it is done (the unit stays the company's; no sale, no warranty)
            loan.out_picking_id = picking
            loan._validate_picking(picking)
            loan.write({"state": "out", "date_out": fields.Datetime.now()})
            loan._post_both(
                _(
                    "Loan unit %(unit)s (%(lot)s) lent to %(partner)s with %(picking)s; expected "
                    "back on %(date)s.",
                    unit=loan.product_id.display_name,
                    lot=loan.lot_id.name,
                    partner=loan.partner_id.display_name,
                    picking=picking.name,
                    date=loan.expected_return_date,
                )
            )
        return True

    def action_return(self):
        """Take the loan unit back: Odoo's return of the delivery, validated for the serial."""
        for loan in self:
            if loan.state != "out":
                raise UserError(
                    _(
                        "Loan %(name)s is not out with the customer (status: %(state)s): only a "
                        "unit that is out can be returned.",
                        name=loan.name,
                        state=dict(LOAN_STATES)[loan.state],
                    )
                )
            picking = loan._create_return_picking()
            loan._validate_picking(picking)
            loan.write(
                {
                    "state": "returned",
                    "date_returned": fields.Datetime.now(),
                    "return_picking_id": picking.id,
                }
            )
            loan.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo")
            ).action_feedback(feedback=_("Loan unit returned."))
            loan._post_both(
                _(
                    "Loan unit %(unit)s (%(lot)s) returned with %(picking)s.",
                    unit=loan.product_id.display_name,
                    lot=loan.lot_id.name,
                    picking=picking.name,
                )
            )
        return True

    def action_cancel(self):
        if self.filtered(lambda loan: loan.state != "draft"):
            raise UserError(
                _("Only a draft loan can be cancelled; a unit that went out must be returned.")
            )
        return self.write({"state": "cancel"})

    def action_view_pickings(self):
        self.ensure_one()
        pickings = (self.out_picking_id | self.return_picking_id)._filtered_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", pickings.ids)]
        action["context"] = {"create": False}
        return action

    @api.model
    def _cron_overdue_loans(self):
        """Daily: one to-do activity per overdue loan for its responsible (not duplicated)."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for loan in self.search([("is_overdue", "=", True)]):
            user = loan.user_id or loan.repair_id.user_id or self.env.user
            if loan.activity_ids.filtered(
                lambda a, u=user: a.activity_type_id == todo and a.user_id == u
            ):
                continue
            # the responsible's task in their language
            user_loan = loan.with_context(lang=user.lang or self.env.lang)
            user_loan.activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(loan),
                summary=user_loan.env._("Loan unit overdue"),
                note=user_loan.env._(
                    "Loan unit %(unit)s (%(lot)s) was due back from %(partner)s on %(date)s.",
                    unit=loan.product_id.display_name,
                    lot=loan.lot_id.name,
                    partner=loan.partner_id.display_name,
                    date=loan.expected_return_date,
                ),
                user_id=user.id,
            )
        return True

    def _check_unit_available(self):
        """The serial must be in the warehouse, owned by the company (not a customer's unit
        received for repair) and not reserved."""
        self.ensure_one()
        location = self.warehouse_id.lot_stock_id
        available = self.env["stock.quant"]._get_available_quantity(
            self.product_id, location, lot_id=self.lot_id, owner_id=False, strict=True
        )
        if float_compare(available, 1.0, precision_rounding=self.product_id.uom_id.rounding) < 0:
            raise UserError(
                _(
                    "Serial %(lot)s of %(unit)s is not available in %(location)s as a "
                    "company-owned unit: choose a loan unit that is in stock, not out on "
                    "another loan and not a customer's unit.",
                    lot=self.lot_id.name,
                    unit=self.product_id.display_name,
                    location=location.display_name,
                )
            )

    def _create_out_picking(self):
        self.ensure_one()
        picking_type = self.warehouse_id.out_type_id
        source = self.warehouse_id.lot_stock_id
        destination = self.partner_id.property_stock_customer
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": self.partner_id.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "origin": f"{self.name} / {self.repair_id.name}",
                "company_id": self.company_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.name,
                            "product_id": self.product_id.id,
                            "product_uom": self.product_id.uom_id.id,
                            "product_uom_qty": 1.0,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "company_id": self.company_id.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        return picking

    def _create_return_picking(self):
        self.ensure_one()
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=self.out_picking_id.id, active_model="stock.picking")
            .create({"picking_id": self.out_picking_id.id})
        )
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        return wizard._create_return()

    def _validate_picking(self, picking):
        """Set the loan serial on the transfer and validate it."""
        self.ensure_one()
        move = picking.move_ids.filtered(lambda m: m.product_id == self.product_id)[:1]
        move.move_line_ids.unlink()
        move.write(
            {
                "move_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product_id.id,
                            "product_uom_id": self.product_id.uom_id.id,
                            "lot_id": self.lot_id.id,
                            "quantity": 1.0,
                            "location_id": picking.location_id.id,
                            "location_dest_id": picking.location_dest_id.id,
                            "picking_id": picking.id,
                        }
                    )
                ],
                "picked": True,
            }
        )
        result = picking.with_context(skip_sms=True).button_validate()
        if result is not True or picking.state != "done":
            raise UserError(
                _(
                    "Transfer %(picking)s of loan %(name)s could not be validated.",
                    picking=picking.name,
                    name=self.name,
                )
            )

    def _post_both(self, body):
        self.message_post(body=body)
        self.repair_id.message_post(body=body)
