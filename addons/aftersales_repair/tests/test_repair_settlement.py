# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.aftersales_repair.tools import amount_to_words

from .workshop_common import WorkshopCommon


@tagged("post_install", "-at_install")
class TestRepairSettlement(WorkshopCommon):
    """Issue 3 point 7 and issue 8 point 5: handover checklist, settlement PDF with covered and
    charged amounts and the amount in words, quotation and invoice amounts in words."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.part_battery | cls.part_controller | cls.product_labour).write({"taxes_id": False})
        cls.usd = cls.company.currency_id

    def _render_html(self, report_ref, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report_ref, records.ids)
        return html.decode()

    def test_handover_needs_checklist(self):
        repair = self._to_done(self._create_repair())
        with self.assertRaisesRegex(UserError, "Unit Cleaned.*Advice Given") as ctx:
            repair.with_user(self.frontdesk).action_handover()
        self.assertIn("Disposition of old parts", str(ctx.exception))
        with self.assertRaisesRegex(UserError, "Complete the handover checklist"):
            repair.action_print_settlement()
        self._tick_checklist(repair)
        repair.next_maintenance_date = "2027-05-01"
        repair.with_user(self.frontdesk).action_handover()
        self.assertTrue(repair.handover_date)
        self.assertEqual(repair.old_part_ids.state, "done", "returned to the customer")
        with self.assertRaisesRegex(UserError, "already handed over"):
            repair.action_handover()

    def test_handover_only_when_repaired(self):
        repair = self._to_inspection(self._create_repair())
        self._tick_checklist(repair)
        with self.assertRaisesRegex(UserError, "before handover"):
            repair.action_handover()

    def test_settlement_amounts_free_and_paid(self):
        free = self._create_repair(hours=2.0)
        totals = free._aftersales_settlement_totals()
        # battery 4,200.00 + 2 h x 65.00 labour, all covered
        self.assertEqual(totals, {"covered": 4330.0, "charged": 0.0, "tax": 0.0, "to_pay": 0.0})
        paid = self._create_repair(hours=2.0, category="paid")
        totals = paid._aftersales_settlement_totals()
        self.assertEqual(totals, {"covered": 0.0, "charged": 4330.0, "tax": 0.0, "to_pay": 4330.0})
        # a paid repair under Odoo's warranty tick: every line given, the labour too (the one
        # coverage rule, `_aftersales_line_is_covered`; its quotation lines are priced at zero),
        # with or without aftersales_warranty installed
        paid.under_warranty = True
        totals = paid._aftersales_settlement_totals()
        self.assertEqual(totals, {"covered": 4330.0, "charged": 0.0, "tax": 0.0, "to_pay": 0.0})

    def test_settlement_line_priced_zero_on_sale_order_is_covered(self):
        # the coverage prices the battery at zero on the sale order (goodwill)
        repair = self._create_repair(hours=2.0, category="paid")
        repair.action_create_sale_order()
        repair.move_ids.sale_line_id.price_unit = 0.0
        totals = repair._aftersales_settlement_totals()
        self.assertEqual(
            totals, {"covered": 4200.0, "charged": 130.0, "tax": 0.0, "to_pay": 130.0}
        )

    def test_settlement_pdf(self):
        repair = self._create_repair(
            parts=[(self.part_controller, 1.0)], hours=1.5, category="paid"
        )
        self._to_done(repair)
        self._tick_checklist(repair)
        repair.old_part_ids.write({"disposition": "scrap", "serial_number": "MC-OLD-77"})
        repair.handover_advice = "Do not pressure-wash the controller housing."
        # charged: controller 960.00 + 1.5 h x 65.00 = 1,057.50
        html = self._render_html("aftersales_repair.action_report_repair_settlement", repair)
        self.assertIn("Repair Settlement", html)
        self.assertIn("MC-OLD-77", html)
        self.assertIn("Scrap", html)
        self.assertIn("One Thousand And Fifty-Seven Dollars And Fifty Cents", html)
        self.assertIn("Technician signature", html)
        self.assertIn("Customer signature", html)
        self.assertIn("Do not pressure-wash", html)
        report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_type = report._render_qweb_pdf(
            "aftersales_repair.action_report_repair_settlement", repair.ids
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.env.company.external_report_layout_id = self.env.ref("web.external_layout_standard")
        action = repair.action_print_settlement()
        self.assertEqual(action["report_name"], "aftersales_repair.report_repair_settlement")

    def test_settlement_lists_declined_recommendations(self):
        repair = self._create_repair(
            parts=[(self.part_battery, 1.0), (self.part_controller, 1.0)], category="paid"
        )
        controller = repair.move_ids.filtered(lambda m: m.product_id == self.part_controller)
        controller.is_safety_relevant = True
        controller._aftersales_decline()
        html = self._render_html("aftersales_repair.action_report_repair_settlement", repair)
        self.assertIn("Declined Recommendations", html)
        self.assertIn("SAFETY", html)
        self.assertEqual(repair._aftersales_settlement_totals()["charged"], 4200.0)

    def test_quotation_pdf_has_amount_in_words(self):
        repair = self._create_repair(parts=[(self.part_battery, 1.0)], category="paid")
        html = self._render_html("aftersales_repair.action_report_repair_quotation", repair)
        self.assertIn("Four Thousand, Two Hundred Dollars", html)

    def test_invoice_of_a_repair_has_amount_in_words(self):
        self.env["res.lang"]._activate_lang("es_ES")
        self.customer.lang = "es_ES"
        repair = self._create_repair(parts=[(self.part_controller, 1.0)], category="paid")
        repair.action_create_sale_order()
        order = repair.sale_order_id
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        html = self._render_html("account.account_invoices", invoice)
        self.assertIn("Novecientos sesenta dólares", html)
        # the settlement says how it was charged and invoiced
        html = self._render_html("aftersales_repair.action_report_repair_settlement", repair)
        self.assertIn(order.name, html)
        self.assertIn(invoice.name, html)
        # an invoice that does not come from a repair is left as Odoo prints it
        other = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [(0, 0, {"name": "Misc", "price_unit": 960.0, "tax_ids": []})],
            }
        )
        other.action_post()
        self.assertNotIn(
            "Novecientos sesenta", self._render_html("account.account_invoices", other)
        )

    def test_amount_in_words_wrapper(self):
        repair = self._create_repair()
        self.assertEqual(
            repair._aftersales_amount_in_words(1234.50),
            "One Thousand, Two Hundred And Thirty-Four Dollars And Fifty Cents",
        )
        self.env["res.lang"]._activate_lang("es_ES")
        self.customer.lang = "es_ES"
        self.assertEqual(
            repair._aftersales_amount_in_words(1234.50),
            "Mil doscientos treinta y cuatro dólares con cincuenta centavos",
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        self.customer.lang = "zh_CN"
        self.assertEqual(repair._aftersales_amount_in_words(1234.50), "美元壹仟贰佰叁拾肆元伍角整")
        cny = self.env.ref("base.CNY")
        self.assertEqual(cny._aftersales_amount_to_words(10050.0, "zh_CN"), "人民币壹万零伍拾元整")
        self.assertEqual(cny._aftersales_amount_to_words(30.05, "zh_CN"), "人民币叁拾元零伍分")
        # the one helper of the suite, importable from Odoo code
        self.assertEqual(amount_to_words(30.05, "zh_CN", "CNY"), "人民币叁拾元零伍分")
