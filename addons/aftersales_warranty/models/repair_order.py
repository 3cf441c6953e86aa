# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from odoo.addons.aftersales_repair.tools import check_number_bounds


class RepairOrder(models.Model):
    _inherit = "repair.order"

    warranty_id = fields.Many2one(
        "aftersales.warranty",
        string="Unit Warranty",
        compute="_compute_warranty_id",
        help="The registration of the serial (delivery, customer, coverage per part).",
    )
    warranty_line_ids = fields.One2many(
        "aftersales.warranty.line", compute="_compute_warranty_id", string="Unit Coverage"
    )
    warranty_status = fields.Char(
        compute="_compute_warranty_status",
        help="Coverage of the unit on the repair date for the chosen failure cause.",
    )
    warranty_covered = fields.Boolean(
        string="Unit Covered",
        compute="_compute_warranty_status",
    )
    # computed from the lines' coverage (no static default any more); still editable
    service_category = fields.Selection(
        compute="_compute_service_category",
        store=True,
        readonly=False,
        precompute=True,
        default=None,
    )
    service_category_manual = fields.Boolean(
        string="Category Set by Hand",
        copy=False,
        help="The service category was chosen by hand: it no longer follows the coverage of "
        "the lines.",
    )
    usage_reading = fields.Float(
        copy=False,
        help="Operating hours or kilometres read on the unit at intake; it cannot be lower "
        "than an earlier reading of the same serial.",
    )
    usage_uom = fields.Selection(
        [("hours", "Operating hours"), ("km", "Kilometres")],
        string="Usage Unit",
        compute="_compute_warranty_id",
    )
    warranty_usage_ids = fields.One2many("aftersales.warranty.usage", "repair_id")
    aftersales_part_request_ids = fields.One2many(
        "aftersales.warranty.part.request", "repair_id", string="Warranty Part Requests"
    )
    aftersales_part_request_count = fields.Integer(
        string="Part Requests", compute="_compute_aftersales_part_request_count"
    )
    contract_visit_info = fields.Char(
        string="Contract Visit",
        compute="_compute_contract_visit",
        help="For an on-site repair under a maintenance contract: which visit of the contract "
        "year it is, against the visits the contract includes.",
    )
    contract_visit_exceeded = fields.Boolean(compute="_compute_contract_visit")

    def _compute_aftersales_part_request_count(self):
        for repair in self:
            repair.aftersales_part_request_count = len(repair.aftersales_part_request_ids)

    @api.depends("service_mode", "lot_id", "partner_id", "product_id", "schedule_date", "state")
    def _compute_contract_visit(self):
        # sudo: the visit number is the same whoever looks (a technician sees only their own
        # repairs and may not read contracts); only the contract's reference is shown.
        Contract = self.env["aftersales.warranty.contract"].sudo()
        for repair in self:
            repair.contract_visit_info = False
            repair.contract_visit_exceeded = False
            if repair.service_mode != "on_site" or repair.state == "cancel":
                continue
            day = repair._aftersales_coverage_date()
            contract = Contract._find_for_visit(repair, day)
            if not contract:
                continue
            year_start, year_end = contract._visit_year(day)
            domain = contract._visit_domain(year_start, year_end)
            if repair.schedule_date:
                domain.append(("schedule_date", "<=", repair.schedule_date))
            if repair._origin.id:
                domain.append(("id", "!=", repair._origin.id))
            earlier = self.env["repair.order"].sudo().search_count(domain)
            number = earlier + 1
            repair.contract_visit_exceeded = number > contract.visits_per_year
            repair.contract_visit_info = _(
                "Visit %(number)s of %(included)s included by %(contract)s from %(start)s to "
                "%(end)s.",
                number=number,
                included=contract.visits_per_year,
                contract=contract.name,
                start=format_date(self.env, year_start),
                end=format_date(self.env, year_end),
            )

    @api.depends("lot_id")
    def _compute_warranty_id(self):
        warranties = self.env["aftersales.warranty"].search(
            [("lot_id", "in", self.lot_id.ids), ("state", "in", ("active", "suspended"))],
            order="state, id desc",
        )
        by_lot = {}
        for warranty in warranties:
            by_lot.setdefault(warranty.lot_id.id, warranty)
        for repair in self:
            warranty = by_lot.get(repair.lot_id.id, warranties.browse())
            repair.warranty_id = warranty
            repair.warranty_line_ids = warranty.line_ids
            repair.usage_uom = warranty.usage_uom

    @api.depends("lot_id", "product_id", "under_warranty", "schedule_date", "failure_cause")
    def _compute_warranty_status(self):
        Warranty = self.env["aftersales.warranty"]
        with_lot = self.filtered("lot_id")
        for repair in self - with_lot:
            repair.warranty_status = _("No serial number: coverage cannot be checked.")
            repair.warranty_covered = False
        goodwill = with_lot.filtered("under_warranty")
        others = with_lot - goodwill
        coverages = Warranty.coverage_batch(
            [
                (
                    repair.lot_id,
                    repair.product_id,
                    repair._aftersales_coverage_date(),
                    repair._aftersales_failure_cause(),
                )
                for repair in others
            ]
        )
        for repair, coverage in zip(others, coverages, strict=True):
            repair.warranty_status = coverage.reason
            repair.warranty_covered = coverage.covered
        for repair in goodwill:
            repair.warranty_status = Warranty._goodwill_coverage().reason
            repair.warranty_covered = True

    @api.depends(
        "warranty_covered",
        "under_warranty",
        "move_ids.warranty_charged",
        "move_ids.warranty_source",
        "move_ids.is_declined",
        "labour_ids.warranty_charged",
        "labour_ids.warranty_source",
        "labour_ids.is_declined",
    )
    def _compute_service_category(self):
        """Free when every line is covered (warranty or goodwill), contract when a maintenance
        contract covers a line, else paid; internal work stays internal."""
        # the coverage of every line of these repairs in one batch (one coverage_batch call),
        # not repair by repair as the loop reads them; the part lines picked in one batch too
        self.move_ids.mapped("warranty_charged")
        self.labour_ids.mapped("warranty_charged")
        part_line_ids = set(self._aftersales_part_lines()._ids)
        for repair in self:
            if repair.service_category_manual or repair.service_category == "internal":
                continue
            lines = [move for move in repair.move_ids if move.id in part_line_ids]
            lines += [line for line in repair.labour_ids if not line.is_declined]
            sources = [line.warranty_source for line in lines]
            charged = [line.warranty_charged for line in lines]
            if repair.under_warranty:
                category = "free"
            elif not charged:
                category = "free" if repair.warranty_covered else "paid"
            elif "contract" in sources:
                category = "contract"
            elif not any(charged):
                category = "free"
            else:
                category = "paid"
            repair.service_category = category

    @api.constrains("usage_reading")
    def _check_usage_reading_not_negative(self):
        check_number_bounds(self, ["usage_reading"])

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("service_category") and "service_category_manual" not in vals:
                vals["service_category_manual"] = True
        repairs = super().create(vals_list)
        repairs.filtered("usage_reading")._aftersales_sync_usage()
        return repairs

    def write(self, vals):
        if "service_category" in vals and "service_category_manual" not in vals:
            vals = dict(vals, service_category_manual=True)
        res = super().write(vals)
        if "usage_reading" in vals or "lot_id" in vals:
            self._aftersales_sync_usage()
        if {"failure_cause", "lot_id", "schedule_date", "under_warranty"} & set(vals):
            self._aftersales_sync_sale_lines()
        return res

    def action_service_category_auto(self):
        """Let the service category follow the coverage of the lines again."""
        self.service_category_manual = False
        self.env.add_to_compute(self._fields["service_category"], self)
        self.flush_recordset(["service_category"])
        return True

    def action_refresh_warranty_coverage(self):
        """Check the coverage again (after a registration or a contract was added)."""
        self._aftersales_coverage_lines()._aftersales_recompute_coverage()
        self.labour_ids._aftersales_recompute_coverage()
        self._aftersales_sync_sale_lines()
        return True

    def _update_sale_order_line_price(self):
        # Odoo's "under warranty" tick sets every line to zero; with per-line coverage the
        # tick means "goodwill" and the lines follow their own coverage otherwise.
        self._aftersales_sync_sale_lines()

    def _aftersales_line_is_covered(self, line):
        # each line is free or charged from its own coverage (warranty, contract, goodwill);
        # the customer's own part stays neither given nor charged
        if line._name == "stock.move" and line.supply_type == "customer":
            return False
        return super()._aftersales_line_is_covered(line) or not line.warranty_charged

    def _aftersales_settlement_lines(self):
        """The settlement shows the value of covered lines (at their normal price) in the
        covered column, and why each line is free or charged."""
        lines = super()._aftersales_settlement_lines()
        for vals in lines:
            record = vals["line"]
            if self._aftersales_line_is_covered(record):
                price = record.product_id.lst_price
                value = self.currency_id.round(price * vals["quantity"])
                vals.update(price_unit=price, value=value, covered=value, charged=0.0)
            if record.warranty_reason:
                vals["name"] = "%s: %s" % (vals["name"], record.warranty_reason)
        return lines

    def _aftersales_coverage_date(self):
        self.ensure_one()
        return fields.Date.context_today(self, self.schedule_date or fields.Datetime.now())

    def _aftersales_failure_cause(self):
        self.ensure_one()
        return self.failure_cause

    def _aftersales_sync_usage(self):
        """Keep one usage reading per repair, dated on the repair date."""
        Usage = self.env["aftersales.warranty.usage"]
        for repair in self:
            usage = repair.warranty_usage_ids[:1]
            if not repair.usage_reading or not repair.lot_id:
                usage.unlink()
                continue
            vals = {
                "lot_id": repair.lot_id.id,
                "reading": repair.usage_reading,
                "date": repair._aftersales_coverage_date(),
                "company_id": repair.company_id.id,
                "repair_id": repair.id,
            }
            if usage:
                usage.write(vals)
            else:
                Usage.create(vals)

    def _aftersales_coverage_lines(self):
        """Lines of these repairs priced from their coverage (parts; labour when present)."""
        return self._aftersales_part_lines(active=False)

    def _aftersales_sync_sale_lines(self):
        """Put the price and the reason of each line's coverage on its quotation line: free
        lines at zero, charged lines at their normal price, the reason in the description."""
        moves = self._aftersales_coverage_lines().filtered("sale_line_id")
        labour = self.labour_ids.filtered("sale_line_id")
        if not moves and not labour:
            return
        self.env.flush_all()
        (moves.sale_line_id | labour.sale_line_id)._aftersales_apply_coverage()

    # ---- warranty part requests -------------------------------------------------------

    def _aftersales_on_done(self):
        res = super()._aftersales_on_done()
        # warranty parts issued for a repair that ended as paid are sold
        # (readme/CONFIGURE.md, "Paid repair: parts sale")
        requests = (
            self.env["aftersales.warranty.part.request"]
            .sudo()
            .search([("repair_id", "in", self.ids), ("state", "in", ("issued", "done"))])
        )
        requests._convert_to_parts_sale()
        return res

    def action_aftersales_part_request(self):
        """Request the warranty parts of this repair: its covered part lines."""
        self.ensure_one()
        moves = self._aftersales_part_lines().filtered(self._aftersales_line_is_covered)
        already = self.env["aftersales.warranty.part.request.line"].search(
            [("repair_move_id", "in", moves.ids), ("request_id.state", "!=", "cancel")]
        )
        moves -= already.repair_move_id
        if not moves:
            raise UserError(
                _(
                    "Repair %(name)s has no covered part line left to request: add the parts "
                    "to the repair (covered by the warranty, a contract or goodwill) first, or "
                    "open the existing requests.",
                    name=self.name,
                )
            )
        reasons = [reason for reason in moves.mapped("warranty_reason") if reason]
        request = self.env["aftersales.warranty.part.request"].create(
            {
                "company_id": self.company_id.id,
                "repair_id": self.id,
                "lot_id": self.lot_id.id,
                "customer_id": self.partner_id.id,
                "technician_id": (self.user_id or self.env.user).id,
                "coverage_reason": "\n".join(dict.fromkeys(reasons)) or False,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": move.product_id.id,
                            "quantity": move.product_uom_qty,
                            "product_uom_id": move.product_uom.id,
                            "repair_move_id": move.id,
                        }
                    )
                    for move in moves
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.warranty.part.request",
            "res_id": request.id,
            "view_mode": "form",
        }

    def action_view_aftersales_part_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "aftersales_warranty.aftersales_warranty_part_request_action"
        )
        action["domain"] = [("repair_id", "=", self.id)]
        action["context"] = {"default_repair_id": self.id}
        return action
