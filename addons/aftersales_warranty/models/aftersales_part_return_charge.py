# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.tools import float_compare


def _group_by_company(groups):
    """{company: [group of returns, ...]} for groups of returns of one company each."""
    by_company = {}
    for group in groups:
        by_company.setdefault(group[0].company_id, []).append(group)
    return by_company


class AftersalesPartReturnCharge(models.Model):
    """Charging the parts not returned in time or rejected at inspection: a parts sale to the
    dealer or technician (one order and one invoice per dealer batch), and the cron that
    charges the overdue returns."""

    # one class per concern of aftersales.part.return, one file each
    _inherit = "aftersales.part.return"  # pylint: disable=consider-merging-classes-inherited

    def _charge_as_parts_sale(self, reason, state):
        """Turn the issued parts into parts sales to the dealer (confirmed order + invoice) or
        to the technician (confirmed order to their partner: a charge against them).

        One parts sale per returning party (company, party, dealer or technician) with a line
        per part, and one invoice per dealer's sale: the daily cron charges all overdue parts
        of a dealer at once, at a constant number of queries per dealer, and the dealer gets
        one invoice. Each return logs its own reason; the requester gets one task per sale.

        :param reason: the reason logged on each return, or a function of the return giving it
        """
        if not self:
            return
        reason_of = reason if callable(reason) else (lambda _part_return: reason)
        reasons = {part_return: reason_of(part_return) for part_return in self}
        # The inspector or the cron closing the return may not sell nor invoice: the sale is
        # the consequence the company's rules set, checked by sales and accounting afterwards.
        SaleOrder = self.env["sale.order"].sudo()
        groups = list(
            self.sorted("id")
            .grouped(lambda r: (r.company_id, r.partner_id, r.returner_type))
            .values()
        )
        order_of_group = []
        for company, company_groups in _group_by_company(groups).items():
            company_orders = SaleOrder.with_company(company).create(
                [group._parts_sale_values(reasons) for group in company_groups]
            )
            order_of_group += list(zip(company_groups, company_orders, strict=True))
        orders = SaleOrder.concat(*(order for _group, order in order_of_group))
        line_of = {}
        for group, order in order_of_group:
            line_of.update(zip(group, order.order_line.sorted("id"), strict=True))
        for part_return in self:
            issue_move = part_return.issue_move_id.sudo()
            if issue_move and not issue_move.sale_line_id:
                # the part already left with the issue transfer: deliver the order with it
                issue_move.sale_line_id = line_of[part_return]
        for company, company_orders in orders.grouped("company_id").items():
            company_orders.with_company(company).action_confirm()
        dealer_orders = SaleOrder.concat(
            *(order for group, order in order_of_group if group[0].returner_type == "dealer")
        )
        to_invoice = dealer_orders.filtered(
            lambda order: any(
                float_compare(
                    line.qty_to_invoice, 0.0, precision_rounding=line.product_uom.rounding
                )
                > 0
                for line in order.order_line
            )
        )
        invoices = self.env["account.move"]
        for company, company_orders in to_invoice.grouped("company_id").items():
            # one invoice per dealer's parts sale
            invoices |= company_orders.with_company(company)._create_invoices(grouped=True)
        invoices_of = invoices.grouped(lambda move: move.invoice_line_ids.sale_line_ids.order_id)
        activity_type_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "mail.mail_activity_data_todo"
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        today = fields.Date.context_today(self)
        activity_vals = []
        for group, order in order_of_group:
            order_invoices = invoices_of.get(order, self.env["account.move"])
            group.with_context(mail_notrack=True).write(
                {
                    "state": state,
                    "sale_order_id": order.id,
                    "invoice_ids": [fields.Command.set(order_invoices.ids)],
                    "warranty_cost": 0.0,
                }
            )
            for part_return in group:
                part_return.outcome_reason = reasons[part_return]
            group._message_log_batch(
                bodies={
                    part_return.id: escape(
                        self.env._(
                            "%(reason)s Parts sale %(order)s to %(partner)s.",
                            reason=reasons[part_return],
                            order=order.name,
                            partner=part_return.partner_id.display_name,
                        )
                    )
                    for part_return in group
                }
            )
            # one task per requester and parts sale, on the first of their returns in it
            for requester, requester_returns in group.grouped(
                lambda r: r.requester_id or self.env.user
            ).items():
                activity_vals.append(
                    {
                        "activity_type_id": activity_type_id,
                        "res_model_id": model_id,
                        "res_id": requester_returns[0].id,
                        "user_id": requester.id,
                        # the requester's task in the requester's language
                        "summary": self.with_context(lang=requester.lang or self.env.lang).env._(
                            "Part charged: %(order)s", order=order.name
                        ),
                        "note": Markup("<br/>").join(
                            f"{part_return.name}: {reasons[part_return]}"
                            for part_return in requester_returns
                        ),
                        "automated": True,
                        "date_deadline": today,
                    }
                )
        # the requesters' tasks in one batch (the values activity_schedule() gives)
        if not self.env.context.get("mail_activity_automation_skip"):
            self.env["mail.activity"].create(activity_vals)
        self.request_id._check_closed()

    def _parts_sale_values(self, reasons):
        """The parts sale of one returning party: a line per part of these returns."""
        first = self[0]
        return {
            "partner_id": first.partner_id.id,
            "company_id": first.company_id.id,
            "origin": ", ".join(self.mapped("name")),
            "client_order_ref": ", ".join(dict.fromkeys(self.request_id.mapped("name"))),
            "note": "\n".join(reasons[part_return] for part_return in self),
            "order_line": [
                fields.Command.create(
                    {
                        "product_id": part_return.product_id.id,
                        "product_uom_qty": part_return.quantity,
                    }
                )
                for part_return in self
            ],
        }

    @api.model
    def _cron_charge_overdue_returns(self, batch_size=200):
        """Daily: returns not received by their due date become parts sales (batched; the
        state change makes a second run skip them)."""
        domain = [("state", "=", "expected"), ("date_due", "<", fields.Date.context_today(self))]
        overdue = self.search(domain, limit=batch_size)
        overdue._charge_as_parts_sale(
            lambda part_return: self.env._(
                "Defective part %(part)s not returned by %(date)s.",
                part=part_return.product_id.display_name,
                date=part_return.date_due,
            ),
            "not_returned",
        )
        remaining = self.search_count(domain)
        # run by the cron, Odoo calls the job again while some remain
        self.env["ir.cron"]._notify_progress(done=len(overdue), remaining=remaining)
        return overdue
