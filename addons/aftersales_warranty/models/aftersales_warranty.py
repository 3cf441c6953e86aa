# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import namedtuple

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from odoo.addons.aftersales_repair.models.vocabulary import DAMAGE_CAUSES, FAILURE_CAUSES
from odoo.addons.aftersales_repair.tools import (
    check_text_not_blank,
    date_in_range,
    months_in_range,
)

from .warranty_reason import RecordName, SelectionLabel, encode_reason, render_lazy

Coverage = namedtuple(
    "Coverage",
    [
        "covered",
        "source",
        "end_date",
        "reason",
        "warranty_line",
        "contract",
        "charge_parts",
        "charge_labour",
        "reason_data",
    ],
    defaults=[None],
)
Coverage.__doc__ = """Answer of the coverage service for one (serial, part, date, cause).

covered: the line is entirely free (parts and labour).
source: what sets the terms: 'policy' (the unit's warranty is running for this part),
    'contract' (a maintenance contract makes something free), 'goodwill' (the repair is
    marked under warranty), or False (no warranty, contract or goodwill applies).
end_date: the end of the coverage that applies (warranty line or contract), else False.
reason: a sentence for the customer / accountant saying why.
warranty_line: the aftersales.warranty.line used (may be empty).
contract: the aftersales.warranty.contract used (may be empty).
charge_parts / charge_labour: whether materials / labour are charged.
reason_data: ``reason`` as codes and values (JSON-serialisable), rendered in the reader's
    language by ``render_reason`` (issue 18: stored explanations follow the reader).
"""

_lt = LazyTranslate(__name__)


class AftersalesWarranty(models.Model):
    """The warranty of one serial delivered to one customer, and the sold-units register
    (readme/CONFIGURE.md, "Register of sold units"): one record per serial and customer, with one
    coverage line per part."""

    _name = "aftersales.warranty"
    _description = "Unit Warranty"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "delivery_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Serial Number",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
    )
    product_id = fields.Many2one(
        "product.product", required=True, index=True, check_company=True, ondelete="restrict"
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id", store=True)
    categ_id = fields.Many2one(related="product_id.categ_id", store=True)
    product_default_code = fields.Char(
        string="Model", related="product_id.default_code", store=True
    )
    production_date = fields.Date(related="lot_id.production_date", store=True)
    production_batch = fields.Char(related="lot_id.production_batch", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    selling_partner_id = fields.Many2one(
        "res.partner",
        string="Selling Unit",
        default=lambda self: self.env.company.partner_id,
        help="The company itself, or the dealer that sold the unit.",
    )
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    sale_order_id = fields.Many2one("sale.order", index=True, check_company=True)
    sale_date = fields.Date()
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", index=True, check_company=True
    )
    move_id = fields.Many2one("stock.move", string="Delivery Move", check_company=True)
    policy_id = fields.Many2one("aftersales.warranty.policy", index=True, ondelete="restrict")
    clock_start = fields.Selection(
        selection=lambda self: (
            self.env["aftersales.warranty.policy"]._fields["clock_start"].selection
        ),
        string="Warranty Starts On",
        default="delivery",
        required=True,
    )
    delivery_date = fields.Date(index=True)
    invoice_date = fields.Date()
    installation_date = fields.Date(related="lot_id.installation_date", store=True)
    start_date = fields.Date(compute="_compute_start_date", store=True, index=True)
    end_date = fields.Date(
        string="Unit Warranty End",
        compute="_compute_end_date",
        store=True,
        help="End of the warranty of the whole unit (parts may have their own end dates).",
    )
    line_ids = fields.One2many("aftersales.warranty.line", "warranty_id", string="Coverage")
    state = fields.Selection(
        [("active", "Active"), ("suspended", "Suspended (returned)"), ("ended", "Ended")],
        default="active",
        required=True,
        index=True,
        tracking=True,
    )
    return_date = fields.Date(readonly=True, copy=False)
    replaced_warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Replaces",
        help="The warranty of the unit this one replaced.",
        check_company=True,
    )
    usage_uom = fields.Selection(related="policy_id.usage_uom")
    usage_limit = fields.Float(related="policy_id.usage_limit")

    @api.depends("lot_id.name", "partner_id.name")
    def _compute_name(self):
        for warranty in self:
            warranty.name = " - ".join(
                filter(None, [warranty.lot_id.name, warranty.partner_id.name])
            )

    @api.depends("clock_start", "delivery_date", "invoice_date", "installation_date")
    def _compute_start_date(self):
        for warranty in self:
            start = warranty.delivery_date
            if warranty.clock_start == "invoice" and warranty.invoice_date:
                start = warranty.invoice_date
            elif warranty.clock_start == "installation" and warranty.installation_date:
                start = warranty.installation_date
            warranty.start_date = start

    @api.depends("line_ids.end_date", "line_ids.is_unit")
    def _compute_end_date(self):
        for warranty in self:
            unit_line = warranty.line_ids.filtered("is_unit")[:1]
            warranty.end_date = unit_line.end_date

    @api.model
    def _check_not_registered(self, lot_ids):
        """Refuse a second running registration of a serial (before the unique index does,
        with a message saying what to do)."""
        if not lot_ids:
            return
        duplicates = {lot_id for lot_id in lot_ids if lot_ids.count(lot_id) > 1}
        existing = self.search([("lot_id", "in", lot_ids), ("state", "=", "active")])
        lots = self.env["stock.lot"].browse(duplicates) | existing.lot_id
        if lots:
            raise ValidationError(
                _(
                    "Serial %(serials)s already has an active warranty registration. Open the "
                    "existing registration instead of registering the serial again.",
                    serials=", ".join(lots.mapped("display_name")),
                )
            )

    @api.constrains("lot_id", "state")
    def _check_single_registration(self):
        active = self.filtered(lambda w: w.state == "active")
        if not active:
            return
        groups = self._read_group(
            [("lot_id", "in", active.lot_id.ids), ("state", "=", "active")],
            ["lot_id"],
            ["__count"],
        )
        twice = [lot.display_name for lot, count in groups if count > 1]
        if twice:
            raise ValidationError(
                _(
                    "Serial %(serials)s already has an active warranty registration. Open the "
                    "existing registration instead of registering the serial again.",
                    serials=", ".join(twice),
                )
            )

    @api.constrains("lot_id", "product_id")
    def _check_lot_product(self):
        for warranty in self:
            if warranty.lot_id.product_id != warranty.product_id:
                raise ValidationError(
                    _(
                        "Serial %(lot)s belongs to %(product)s, not to %(other)s.",
                        lot=warranty.lot_id.name,
                        product=warranty.lot_id.product_id.display_name,
                        other=warranty.product_id.display_name,
                    )
                )

    def init(self):
        # A serial has at most one running registration; suspended and ended ones stay as
        # history. A partial unique index cannot be declared in _sql_constraints.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (lot_id) WHERE state = 'active'",
                SQL.identifier("aftersales_warranty_lot_active_uniq"),
                SQL.identifier(self._table),
            )
        )

    @api.constrains("delivery_date", "sale_date", "invoice_date", "installation_date", "quantity")
    def _check_bounds(self):
        for warranty in self:
            dates = (
                warranty.delivery_date,
                warranty.sale_date,
                warranty.invoice_date,
                warranty.installation_date,
            )
            if not all(date_in_range(value) for value in dates):
                raise ValidationError(
                    _(
                        "The dates of warranty %(warranty)s must lie between 1900 and 2200.",
                        warranty=warranty.display_name,
                    )
                )
            if warranty.quantity < 0:
                raise ValidationError(_("The quantity of a warranty cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        if any(not vals.get("lot_id") for vals in vals_list):
            raise ValidationError(
                _("A warranty registration needs the serial number of the unit it covers.")
            )
        self._check_not_registered(
            [vals["lot_id"] for vals in vals_list if vals.get("state", "active") == "active"]
        )
        warranties = super().create(vals_list)
        warranties.filtered(lambda w: w.policy_id and not w.line_ids)._generate_lines()
        return warranties

    @api.ondelete(at_uninstall=False)
    def _unlink_except_repaired(self):
        repaired = (
            self.env["repair.order"]
            .sudo()
            ._read_group([("lot_id", "in", self.lot_id.ids)], ["lot_id"])
        )
        if repaired:
            raise UserError(
                _(
                    "A warranty whose unit has repairs is evidence and cannot be deleted; "
                    "end it instead."
                )
            )

    def action_suspend(self):
        self.write({"state": "suspended", "return_date": fields.Date.context_today(self)})

    def action_reactivate(self):
        self._check_not_registered(self.filtered(lambda w: w.state != "active").lot_id.ids)
        self.write({"state": "active", "return_date": False})

    def action_end(self):
        self.write({"state": "ended"})

    def action_regenerate_lines(self):
        """Rebuild the coverage lines from the policy (after a policy change)."""
        self.line_ids.unlink()
        self._generate_lines()

    def action_open_repairs(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Repairs of %(serial)s", serial=self.lot_id.name),
            "res_model": "repair.order",
            "view_mode": "list,form",
            "domain": [("lot_id", "=", self.lot_id.id)],
        }

    def action_recall(self):
        """Recall: one activity per distinct customer of the selected units, listing them."""
        if not self:
            return False
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        by_customer = {}
        for warranty in self:
            by_customer.setdefault(warranty.commercial_partner_id, self.browse())
            by_customer[warranty.commercial_partner_id] |= warranty
        model_id = self.env["ir.model"]._get_id("res.partner")
        vals_list = []
        for partner, warranties in by_customer.items():
            user = warranties.user_id[:1] or self.env.user
            # the task in its assignee's language
            user_env = self.with_context(lang=user.lang or self.env.lang).env
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": partner.id,
                    "activity_type_id": activity_type.id,
                    "summary": user_env._("Recall: contact the customer"),
                    "note": user_env._(
                        "Recall of %(count)s unit(s): %(serials)s",
                        count=len(warranties),
                        serials=", ".join(warranties.lot_id.mapped("name")),
                    ),
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        self.env["mail.activity"].create(vals_list)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s recall activities created.",
                    count=len(vals_list),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _generate_lines(self):
        """One coverage line for the whole unit and one per part of the policy, each with its
        own period (promotions included, as stated to the customer)."""
        vals_list = []
        for warranty in self:
            policy = warranty.policy_id
            sale_date = warranty.sale_date or warranty.delivery_date
            promotions = policy.promotion_ids
            vals_list.append(
                {
                    "warranty_id": warranty.id,
                    "is_unit": True,
                    "sequence": 0,
                    "name": _("Whole unit"),
                    "period_months": policy.period_months
                    + promotions._extra_months(sale_date, policy.line_ids.browse()),
                }
            )
            for pline in policy.line_ids:
                vals_list.append(
                    {
                        "warranty_id": warranty.id,
                        "sequence": pline.sequence,
                        "policy_line_id": pline.id,
                        "name": pline.name,
                        "part_product_id": pline.part_product_id.id,
                        "part_categ_id": pline.part_categ_id.id,
                        "period_months": pline.period_months
                        + promotions._extra_months(sale_date, pline),
                    }
                )
        return self.env["aftersales.warranty.line"].create(vals_list)

    # ------------------------------------------------------------------------------------
    # Coverage service
    # ------------------------------------------------------------------------------------

    @api.model
    def _failure_causes(self):
        return tuple(key for key, __ in FAILURE_CAUSES)

    @api.model
    def coverage(self, lot, product, date=None, cause=None):
        """Is ``product`` (a part of the unit, or the unit itself) of serial ``lot`` covered
        on ``date`` (default today) for a failure of ``cause``? Returns a ``Coverage``."""
        return self.coverage_batch([(lot, product, date, cause)])[0]

    @api.model
    def coverage_batch(self, requests):
        """``coverage()`` for many (lot, product, date, cause) tuples at once, with a constant
        number of queries whatever the number of requests, serials, policies or contracts."""
        if not requests:
            return []
        today = fields.Date.context_today(self)
        causes = self._failure_causes()
        Lot = self.env["stock.lot"]
        Product = self.env["product.product"]
        normalised = []
        for request in requests:
            lot, product, date, cause = (tuple(request) + (None, None))[:4]
            if cause and cause not in causes:
                raise ValidationError(
                    _(
                        "%(cause)s is not a failure cause. Choose one of: %(causes)s.",
                        cause=cause,
                        causes=", ".join(causes),
                    )
                )
            date = fields.Date.to_date(date) if date else today
            normalised.append((lot or Lot, product or Product, date, cause or False))
        lots = Lot.union(*[r[0] for r in normalised])
        products = Product.union(*[r[1] for r in normalised])
        dates = [r[2] for r in normalised]
        warranties = self.search(
            [("lot_id", "in", lots.ids), ("state", "in", ("active", "suspended"))],
            order="state, id desc",
        )
        warranty_by_lot = {}
        for warranty in warranties:
            warranty_by_lot.setdefault(warranty.lot_id.id, warranty)
        # prefetch what the decision reads, in a few batched queries
        warranties.line_ids.mapped("end_date")
        warranties.policy_id.mapped("usage_limit")
        (products | lots.product_id).categ_id.mapped("parent_path")
        contracts = self.env["aftersales.warranty.contract"]._find_running(
            lots, warranties.commercial_partner_id, min(dates), max(dates)
        )
        usage = {
            lot.id: reading
            for lot, reading in self.env["aftersales.warranty.usage"]._read_group(
                [("lot_id", "in", lots.ids)], ["lot_id"], ["reading:max"]
            )
        }
        results = []
        for lot, product, date, cause in normalised:
            warranty = warranty_by_lot.get(lot.id, self.browse())
            results.append(
                self._decide(warranty, contracts, lot, product, date, cause, usage.get(lot.id))
            )
        return results

    @api.model
    def _goodwill_coverage(self):
        reason = _lt("Goodwill: the repair is marked under warranty.")
        return Coverage(
            True,
            "goodwill",
            False,
            render_lazy(self.env, reason),
            self.env["aftersales.warranty.line"],
            self.env["aftersales.warranty.contract"],
            False,
            False,
            encode_reason(reason),
        )

    @api.model
    def _decide(self, warranty, contracts, lot, product, date, cause, usage):
        Line = self.env["aftersales.warranty.line"]
        Contract = self.env["aftersales.warranty.contract"]
        part = product or lot.product_id
        charge_parts = charge_labour = True
        source = False
        end_date = False
        wline = Line
        if not lot:
            reason = _lt("No serial number: coverage cannot be checked.")
        elif not warranty:
            reason = _lt(
                "No warranty record: serial %(lot)s was never registered as delivered to a "
                "customer.",
                lot=lot.name,
            )
        elif warranty.state == "suspended":
            reason = _lt(
                "Warranty suspended: serial %(lot)s was returned on %(date)s.",
                lot=lot.name,
                date=warranty.return_date,
            )
        elif not warranty.line_ids:
            reason = _lt(
                "No warranty policy for %(product)s: serial %(lot)s has no coverage.",
                product=warranty.product_id.display_name,
                lot=lot.name,
            )
        else:
            lines = warranty.line_ids
            wline = (part != warranty.product_id and lines._match(part)) or lines.filtered(
                "is_unit"
            )[:1]
            policy = warranty.policy_id
            end_date = wline.end_date
            if wline.is_unit:
                part_name = _lt("Whole unit")
            elif wline.policy_line_id:
                part_name = RecordName(wline.policy_line_id, "name")
            else:
                part_name = wline.name
            label = _lt(
                "%(part)s, %(months)s months",
                part=part_name,
                months=wline.period_months,
            )
            in_period = wline.start_date and wline.start_date <= date <= wline.end_date
            over_usage = bool(policy.usage_limit and usage and usage > policy.usage_limit)
            if not in_period or over_usage:
                charge_labour = policy.after_warranty_labour_charged
                if over_usage:
                    why = _lt(
                        "usage %(usage)s exceeds the limit of %(limit)s",
                        usage=usage,
                        limit=policy.usage_limit,
                    )
                elif wline.start_date and date < wline.start_date:
                    why = _lt("warranty starts on %(date)s", date=wline.start_date)
                else:
                    why = _lt("warranty ended on %(date)s", date=end_date)
                reason = _lt(
                    "Out of warranty (%(label)s): %(why)s; materials charged, labour %(labour)s.",
                    label=label,
                    why=why,
                    labour=_lt("charged") if charge_labour else _lt("free"),
                )
            elif cause in DAMAGE_CAUSES:
                source = "policy"
                charge_labour = policy.damage_labour_charged
                reason = _lt(
                    "In warranty until %(date)s (%(label)s) but the cause is %(cause)s: materials "
                    "charged, labour %(labour)s.",
                    date=end_date,
                    label=label,
                    cause=SelectionLabel("repair.order", "failure_cause", cause),
                    labour=_lt("charged") if charge_labour else _lt("free"),
                )
            elif cause == "wear":
                source = "policy"
                charge_parts = policy.wear_rule != "free"
                charge_labour = policy.wear_rule == "all"
                reason = _lt(
                    "In warranty until %(date)s (%(label)s); wear and tear: %(rule)s.",
                    date=end_date,
                    label=label,
                    rule=SelectionLabel(
                        "aftersales.warranty.policy", "wear_rule", policy.wear_rule
                    ),
                )
            else:
                source = "policy"
                charge_parts = charge_labour = False
                reason = _lt(
                    "Free: in warranty until %(date)s (%(label)s).",
                    date=end_date,
                    label=label,
                )
        contract = Contract
        if (charge_parts or charge_labour) and cause not in DAMAGE_CAUSES:
            partner = warranty.commercial_partner_id
            contract = contracts._match(lot, part, partner, date)
            if contract and (
                (charge_parts and contract.include_parts)
                or (charge_labour and contract.include_labour)
            ):
                charge_parts = charge_parts and not contract.include_parts
                charge_labour = charge_labour and not contract.include_labour
                source = "contract"
                end_date = contract.date_end
                reason = _lt(
                    "Maintenance contract %(contract)s until %(date)s: parts %(parts)s, labour "
                    "%(labour)s.",
                    contract=contract.name,
                    date=contract.date_end,
                    parts=_lt("charged") if charge_parts else _lt("free"),
                    labour=_lt("charged") if charge_labour else _lt("free"),
                )
            else:
                contract = Contract
        return Coverage(
            not charge_parts and not charge_labour,
            source,
            end_date,
            render_lazy(self.env, reason),
            wline,
            contract,
            charge_parts,
            charge_labour,
            encode_reason(reason),
        )

    @api.model
    def _cause_labels(self):
        return self.env["repair.order"]._fields["failure_cause"]._description_selection(self.env)


class AftersalesWarrantyLine(models.Model):
    _name = "aftersales.warranty.line"
    _description = "Warranty Coverage of a Part"
    _order = "warranty_id, sequence, id"

    warranty_id = fields.Many2one(
        "aftersales.warranty", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="warranty_id.company_id", store=True, index=True)
    lot_id = fields.Many2one(related="warranty_id.lot_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Part", required=True)
    is_unit = fields.Boolean(string="Whole Unit")
    policy_line_id = fields.Many2one("aftersales.warranty.policy.line", ondelete="restrict")
    part_product_id = fields.Many2one("product.product")
    part_categ_id = fields.Many2one("product.category", string="Part Category")
    period_months = fields.Integer(string="Period (months)", required=True)
    start_date = fields.Date(related="warranty_id.start_date", store=True)
    end_date = fields.Date(compute="_compute_end_date", store=True, index=True)
    state = fields.Selection(related="warranty_id.state")
    in_warranty = fields.Boolean(compute="_compute_in_warranty", string="Covered Today")

    _sql_constraints = [
        (
            "period_positive",
            "CHECK(period_months > 0)",
            "The warranty period of a part must be a positive number of months.",
        ),
    ]

    @api.depends("start_date", "period_months")
    def _compute_end_date(self):
        for line in self:
            # out-of-range periods and dates are refused by their constraints; until then the
            # arithmetic must not overflow
            if not (
                line.start_date
                and months_in_range(line.period_months)
                and date_in_range(line.start_date)
            ):
                line.end_date = False
                continue
            line.end_date = line.start_date + relativedelta(months=line.period_months, days=-1)

    @api.constrains("name")
    def _check_text_not_blank(self):
        check_text_not_blank(self, ["name"])

    @api.constrains("period_months")
    def _check_period_months(self):
        for line in self:
            if not months_in_range(line.period_months):
                raise ValidationError(
                    _(
                        "The warranty period of %(part)s must be between 1 and 1,200 months, "
                        "not %(months)s.",
                        part=line.name,
                        months=line.period_months,
                    )
                )

    def _compute_in_warranty(self):
        today = fields.Date.context_today(self)
        for line in self:
            line.in_warranty = bool(
                line.state == "active"
                and line.end_date
                and line.start_date <= today <= line.end_date
            )

    def _match(self, product):
        """The line of ``product`` among these: its own line, then its nearest category."""
        if not product:
            return self.browse()
        own = self.filtered(lambda line: line.part_product_id == product)
        if own:
            return own[0]
        path = product.categ_id.parent_path or ""
        best = self.browse()
        for line in self.filtered("part_categ_id"):
            categ_path = line.part_categ_id.parent_path or ""
            if path.startswith(categ_path) and (
                not best or len(categ_path) > len(best.part_categ_id.parent_path)
            ):
                best = line
        return best
