# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import shutil
import subprocess
import tempfile
import unicodedata

from odoo.tests import tagged

from .workshop_common import WorkshopCommon

SUITE = ("aftersales_repair", "aftersales_warranty", "aftersales_feedback")


@tagged("post_install", "-at_install")
class TestTranslations(WorkshopCommon):
    """Issue 18: the suite's screens, documents and amounts in words in Chinese and Spanish."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("zh_CN", "es_ES"):
            cls.env["res.lang"]._activate_lang(lang)
        installed = cls.env["ir.module.module"].search(
            [("name", "in", SUITE), ("state", "=", "installed")]
        )
        cls.env["ir.module.module"]._load_module_terms(
            installed.mapped("name"), ["zh_CN", "es_ES"], overwrite=True
        )
        (cls.part_battery | cls.part_controller | cls.product_labour).write({"taxes_id": False})

    def _settlement_html(self, repair):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "aftersales_repair.action_report_repair_settlement", repair.ids
        )
        return html.decode()

    def test_repair_form_labels_translated(self):
        view = self.env.ref("aftersales_repair.repair_order_view_form_workshop")
        Repair = self.env["repair.order"]
        arch_zh = Repair.with_context(lang="zh_CN").get_view(view.id, "form")["arch"]
        arch_es = Repair.with_context(lang="es_ES").get_view(view.id, "form")["arch"]
        self.assertIn("打印结算单", arch_zh)
        self.assertIn("Imprimir liquidación", arch_es)
        self.assertNotIn("Print Settlement", arch_zh + arch_es)
        fields_zh = Repair.with_context(lang="zh_CN").fields_get(["is_repeat_repair"])
        fields_es = Repair.with_context(lang="es_ES").fields_get(["is_repeat_repair"])
        self.assertEqual(fields_zh["is_repeat_repair"]["string"], "返修")
        self.assertEqual(fields_es["is_repeat_repair"]["string"], "Reparación repetida")

    def test_error_messages_translated(self):
        repair = self._create_repair()
        message = repair.with_context(lang="es_ES").env._("Invalid repair.")
        self.assertEqual(message, "Reparación no válida.")
        self.assertEqual(
            repair.with_context(lang="zh_CN").env._("Invalid repair."), "无效的维修单。"
        )

    def test_cny_amount_to_text_in_chinese_is_the_uppercase_rmb_amount(self):
        cny = self.env.ref("base.CNY")
        cny.active = True
        self.assertEqual(
            cny.with_context(lang="zh_CN").amount_to_text(1234.50), "人民币壹仟贰佰叁拾肆元伍角整"
        )
        self.assertEqual(
            cny.with_context(lang="zh_CN").amount_to_text(10050.0), "人民币壹万零伍拾元整"
        )
        # other currencies and languages: Odoo's own words
        usd = self.env.ref("base.USD")
        self.assertNotIn("壹", usd.with_context(lang="zh_CN").amount_to_text(1234.50))
        self.assertIn("Thousand", cny.with_context(lang="en_US").amount_to_text(1234.50))
        # a standard invoice in yuan prints it too
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "currency_id": cny.id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Misc", "price_unit": 30.05, "tax_ids": [], "quantity": 1})
                ],
            }
        )
        self.assertEqual(
            invoice.with_context(lang="zh_CN").amount_total_words, "人民币叁拾元零伍分"
        )

    def _paid_repair_done(self, lang):
        self.customer.lang = lang
        repair = self._create_repair(
            parts=[(self.part_controller, 1.0)], hours=1.5, category="paid"
        )
        self._to_done(repair)
        self._tick_checklist(repair)
        return repair

    def test_settlement_in_the_partner_language(self):
        # charged: controller 960.00 + 1.5 h x 65.00 = 1,057.50 (company currency, USD)
        html = self._settlement_html(self._paid_repair_done("zh_CN"))
        self.assertIn("维修结算单", html)
        self.assertIn("大写金额", html)
        self.assertIn("美元壹仟零伍拾柒元伍角整", html)
        self.assertNotIn("Repair Settlement", html)
        html = self._settlement_html(self._paid_repair_done("es_ES"))
        self.assertIn("Liquidación de la reparación", html)
        self.assertIn("Mil cincuenta y siete dólares con cincuenta centavos", html)

    def test_settlement_pdf_has_chinese_text(self):
        report = self.env["ir.actions.report"]
        if report.get_wkhtmltopdf_state() not in ("ok", "upgrade"):
            self.skipTest(
                "wkhtmltopdf is not installed: the PDF text of the zh_CN settlement is not checked"
            )
        repair = self._paid_repair_done("zh_CN")
        pdf, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            "aftersales_repair.action_report_repair_settlement", repair.ids
        )
        # NFKC: pdftotext may read some glyphs as their Kangxi-radical twins (⼤ for 大)
        compact = "".join(unicodedata.normalize("NFKC", _pdf_text(pdf)).split())
        self.assertIn("维修结算单", compact)
        self.assertIn("大写金额", compact)
        self.assertIn("美元壹仟零伍拾柒元伍角整", compact)


def _pdf_text(pdf):
    """Text of a PDF: poppler's pdftotext when installed, else the PDF library Odoo ships."""
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            return subprocess.run(
                ["pdftotext", "-enc", "UTF-8", handle.name, "-"],
                capture_output=True,
                check=True,
                timeout=60,
            ).stdout.decode()
    import io

    from odoo.tools.pdf import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf))
    return "\n".join(page.extractText() for page in reader.pages)
