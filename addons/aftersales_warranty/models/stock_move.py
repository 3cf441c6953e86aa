# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.aftersales_repair.models.vocabulary import DAMAGE_CAUSES


class StockMove(models.Model):
    _name = "stock.move"
    _inherit = ["stock.move", "aftersales.warranty.coverage.mixin"]

    aftersales_request_line_id = fields.Many2one(
        "aftersales.warranty.part.request.line",
        string="Warranty Part Request Line",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )
    aftersales_part_return_id = fields.Many2one(
        "aftersales.part.return",
        string="Defective Part Return",
        index="btree_not_null",
        readonly=True,
        copy=False,
    )

    warranty_cost = fields.Float(
        readonly=True,
        copy=False,
        digits="Product Price",
        help="Cost of the part consumed free of charge, taken when the repair is done.",
    )

    # ---- warranty coverage of repair parts (aftersales.warranty.coverage.mixin) ----------
    def _aftersales_coverage_depends(self):
        return [
            "repair_id",
            "repair_line_type",
            "product_id",
            "repair_id.lot_id",
            "repair_id.under_warranty",
            "repair_id.schedule_date",
            "repair_id.failure_cause",
        ]

    def _aftersales_repair(self):
        return self.repair_id

    def _aftersales_coverage_applies(self):
        return bool(self._aftersales_part_lines(active=False))

    def _aftersales_coverage_records(self):
        return self._aftersales_part_lines(active=False)

    def _aftersales_coverage_product(self):
        return self.product_id

    def _aftersales_customer_price(self):
        self.ensure_one()
        return self.repair_price_unit

    @api.depends("warranty_charged", "warranty_line_id", "repair_id.failure_cause")
    def _compute_repair_price_unit(self):
        res = super()._compute_repair_price_unit()
        part_line_ids = set(self._aftersales_part_lines(active=False)._ids)
        for move in self:
            if move.id in part_line_ids and not move.warranty_charged:
                move.repair_price_unit = 0.0
            elif move.supply_type != "customer" and move.repair_price_unit:
                discount = move._aftersales_damage_discount()
                if discount:
                    move.repair_price_unit = move.repair_price_unit * (1.0 - discount / 100.0)
        return res

    def _aftersales_damage_discount(self):
        """The policy's parts discount when this charged part replaces one damaged by the user
        inside the warranty period of that part (readme/CONFIGURE.md, "Who pays inside and after
        the warranty"), else 0."""
        self.ensure_one()
        repair = self.repair_id
        line = self.warranty_line_id
        if (
            not repair
            or self.repair_line_type != "add"
            or repair.under_warranty
            or repair._aftersales_failure_cause() not in DAMAGE_CAUSES
            or not line.start_date
        ):
            return 0.0
        day = fields.Date.to_date(repair._aftersales_coverage_date())
        if not line.start_date <= day <= line.end_date:
            return 0.0
        return line.warranty_id.policy_id.damage_parts_discount

    def _aftersales_register_warranties(self):
        """Register serials delivered to customers, suspend those returned, and keep the
        cost of parts consumed free of charge (batched for all the done moves)."""
        move_lines = self.move_line_ids
        # Deliveries are validated by warehouse users, who may only read warranties: the
        # registration is a consequence of their validation, not an edit of theirs.
        Warranty = self.env["aftersales.warranty"].sudo()
        Warranty._register_move_lines(move_lines)
        Warranty._suspend_returned_move_lines(move_lines)
        self._aftersales_store_warranty_cost()

    def _aftersales_store_warranty_cost(self):
        """Cost of parts consumed on covered repair lines: the stock valuation of the move,
        or the product cost with manual valuation."""
        covered = self._aftersales_part_lines(active=False).filtered(
            lambda m: not m.warranty_charged
        )
        for move in covered:
            # valuation layers are restricted to stock managers; the cost is a fact of the move
            value = -sum(move.sudo().stock_valuation_layer_ids.mapped("value"))
            if not value:
                value = (
                    move.quantity * move.product_id.with_company(move.company_id).standard_price
                )
            move.warranty_cost = value

    def _get_dest_account(self, accounts_data):
        # a covered repair line, or the warranty part issued for it (which the repair then
        # fits without moving stock again), leaves stock into the warranty expense account
        covered = self.aftersales_request_line_id.repair_move_id or self
        if (
            covered._aftersales_part_lines(active=False)
            and not covered.warranty_charged
            and self.company_id.aftersales_warranty_expense_account_id
        ):
            return self.company_id.aftersales_warranty_expense_account_id.id
        return super()._get_dest_account(accounts_data)

    def _create_repair_sale_order_line(self):
        # Odoo calls this on every write of a repair line: price only the lines it just
        # put on the repair's sale order. Odoo gives a sale order line only to an added part
        # without one on a repair that has a sale order; without such a line, Odoo's
        # method would only create no line (an empty create on every write of a part line).
        without_line = self.filtered(
            lambda move: (
                not move.sale_line_id
                and move.repair_line_type == "add"
                and move.repair_id.sale_order_id
            )
        )
        if not without_line:
            return None
        res = super()._create_repair_sale_order_line()
        created = without_line.filtered("sale_line_id")
        if created:
            created.repair_id._aftersales_sync_sale_lines()
        return res

    def _action_done(self, cancel_backorder=False):
        self._aftersales_check_repair_line_not_consumed()
        self._aftersales_check_request_quantity()
        self._aftersales_check_return_quantity()
        self._aftersales_check_quarantine_exit()
        self.picking_id._aftersales_check_issue_handover()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = (self | moves).filtered(lambda m: m.state == "done")
        issued = done.filtered("aftersales_request_line_id")
        if issued:
            issued.aftersales_request_line_id.request_id._on_issue_done(issued)
        received = done.filtered("aftersales_part_return_id")
        if received:
            received.aftersales_part_return_id._on_received(received)
        done._aftersales_register_warranties()
        return moves

    def _aftersales_check_repair_line_not_consumed(self):
        """A part issued for a repair line is the part that line fits: once the repair has
        consumed that line from stock itself (it ended before the issue), issuing would take
        a second part."""
        for move in self.filtered("aftersales_request_line_id"):
            # sudo: the warehouse clerk validating the issue may not read repairs
            repair_move = move.aftersales_request_line_id.repair_move_id.sudo()
            if repair_move.state == "done":
                raise UserError(
                    _(
                        "Repair %(repair)s already fitted %(part)s from stock: issuing it for "
                        "%(request)s would take a second part. Cancel the request and its "
                        "transfer.",
                        repair=repair_move.repair_id.name,
                        part=move.product_id.display_name,
                        request=move.aftersales_request_line_id.request_id.name,
                    )
                )

    def _aftersales_check_request_quantity(self):
        """What leaves stock for a warranty part request (its issue transfer, or the receipt
        of an emergency purchase) never exceeds what was approved: the approved part, at
        most the approved quantity over all its transfers. A larger need is a new request."""
        # sudo: the warehouse clerk validating the transfer may not read the request
        moves = self.sudo().filtered(
            lambda m: (
                (m.aftersales_request_line_id or m.picking_id.aftersales_part_request_id)
                and float_compare(m.quantity, 0.0, precision_rounding=m.product_uom.rounding) > 0
            )
        )
        if not moves:
            return
        extra = moves.filtered(
            lambda m: (
                not m.aftersales_request_line_id
                or m.product_id != m.aftersales_request_line_id.product_id
            )
        )
        if extra:
            request = extra[0].picking_id.aftersales_part_request_id or (
                extra[0].aftersales_request_line_id.request_id
            )
            approved = ", ".join(
                " ".join(
                    (
                        format(line.quantity, "g"),
                        line.product_uom_id.name,
                        line.product_id.display_name,
                    )
                )
                for line in request.line_ids
            )
            raise UserError(
                _(
                    "%(part)s was not approved on request %(request)s: its transfer may only "
                    "move the approved parts (%(approved)s). Remove the line; a larger need is "
                    "a new request.",
                    part=extra[0].product_id.display_name,
                    request=request.name,
                    approved=approved,
                )
            )
        lines = moves.aftersales_request_line_id
        done = defaultdict(float)
        for move in self.sudo().search(
            [
                ("aftersales_request_line_id", "in", lines.ids),
                ("state", "=", "done"),
                ("id", "not in", moves.ids),
            ]
        ):
            done[move.aftersales_request_line_id] += move._aftersales_qty()
        for move in moves:
            done[move.aftersales_request_line_id] += move._aftersales_qty()
        for line, qty in done.items():
            uom = line.product_id.uom_id
            approved = line.product_uom_id._compute_quantity(line.quantity, uom)
            if float_compare(qty, approved, precision_rounding=uom.rounding) > 0:
                raise UserError(
                    _(
                        "Request %(request)s was approved for %(approved)s %(uom)s of %(part)s; "
                        "this transfer would issue %(total)s %(uom)s in all. Set the quantity "
                        "to at most what was approved: a larger need is a new request.",
                        request=line.request_id.name,
                        approved=format(approved, "g"),
                        uom=uom.name,
                        part=line.product_id.display_name,
                        total=format(qty, "g"),
                    )
                )

    def _aftersales_qty(self):
        self.ensure_one()
        return self.product_uom._compute_quantity(self.quantity, self.product_id.uom_id)

    def _aftersales_check_return_quantity(self):
        """A return cannot receive more defective parts than were issued."""
        receipts = self.filtered(
            lambda m: m.aftersales_part_return_id and m.location_dest_id.aftersales_quarantine
        )
        received = defaultdict(float)
        for move in receipts:
            received[move.aftersales_part_return_id] += move._aftersales_qty()
        for part_return, qty in received.items():
            total = part_return.received_qty + qty
            rounding = part_return.product_id.uom_id.rounding
            if float_compare(total, part_return.quantity, precision_rounding=rounding) > 0:
                raise UserError(
                    _(
                        "Return %(name)s expects %(issued)s %(part)s (the quantity issued) but "
                        "%(total)s would be received. Receive at most %(issued)s and send the "
                        "surplus back to its sender.",
                        name=part_return.name,
                        issued=part_return.quantity,
                        part=part_return.product_id.display_name,
                        total=total,
                    )
                )

    def _aftersales_check_quarantine_exit(self):
        """Returned parts waiting for their inspections cannot leave the quarantine (nor be
        scrapped): only the quantity not held by a pending return may move."""
        leaving = self.filtered(
            lambda m: (
                m.location_id.aftersales_quarantine
                and m.location_dest_id != m.location_id
                and m.product_id.is_storable
            )
        )
        if not leaving:
            return
        out = defaultdict(float)
        for move in leaving:
            out[(move.product_id, move.location_id)] += move._aftersales_qty()
        # every return counts, whoever moves the parts and whatever they may read
        Return = self.env["aftersales.part.return"].sudo()
        pending_groups = Return._read_group(
            [
                ("state", "=", "received"),
                ("product_id", "in", leaving.product_id.ids),
                ("location_id", "in", leaving.location_id.ids),
            ],
            ["product_id", "location_id"],
            ["received_qty:sum", "id:recordset"],
        )
        if not pending_groups:
            return
        pending = {(p, loc): (qty, rets) for p, loc, qty, rets in pending_groups}
        onhand = {
            (p, loc): qty
            for p, loc, qty in self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", leaving.product_id.ids),
                    ("location_id", "in", leaving.location_id.ids),
                ],
                ["product_id", "location_id"],
                ["quantity:sum"],
            )
        }
        for key, qty in out.items():
            if key not in pending:
                continue
            pending_qty, returns = pending[key]
            free = onhand.get(key, 0.0) - pending_qty
            product, location = key
            if float_compare(qty, free, precision_rounding=product.uom_id.rounding) > 0:
                raise UserError(
                    _(
                        "%(part)s in %(location)s waits for the Service and Quality inspections "
                        "of return(s) %(returns)s. Record both inspections before moving or "
                        "scrapping it.",
                        part=product.display_name,
                        location=location.display_name,
                        returns=", ".join(returns.mapped("name")),
                    )
                )
