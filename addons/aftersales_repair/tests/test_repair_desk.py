# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged, users
from odoo.tools.safe_eval import safe_eval

from .repair_common import RepairDeskCommon


@tagged("post_install", "-at_install")
class TestRepairDesk(RepairDeskCommon):
    """Issue 3 points 1, 2 and 9: the fault code catalogue per category, the estimated
    completion date and overdue flag, what the quotation and settlement print from the intake,
    and the views of the front desk (kanban badges, filters, search, form pages)."""

    def _render_html(self, report_ref, records):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(report_ref, records.ids)
        return html.decode()

    def _arch(self, view_xmlid=False, view_type="form"):
        view_id = self.env.ref(view_xmlid).id if view_xmlid else False
        arch = self.env["repair.order"].get_view(view_id, view_type)["arch"]
        return etree.fromstring(arch)

    def _filter_domain(self, name):
        search = self._arch("aftersales_repair.repair_order_view_search", "search")
        node = search.xpath(f"//filter[@name='{name}']")
        self.assertTrue(node, f"filter {name} missing from the repair search view")
        return safe_eval(node[0].get("domain"), {"uid": self.env.uid})

    # ---- point 2: fault code catalogue ----------------------------------------------------
    def test_fault_code_of_another_category_refused(self):
        """Bad input: a fault code of another product category; a general fault code or one
        of the product's category (or a parent category) is accepted."""
        repair = self._create_repair(fault_code_id=self.fault_battery.id)
        # assertRaises (not assertRaisesRegex) rolls the failed write back, as a request would
        with self.assertRaises(ValidationError) as error:
            repair.fault_code_id = self.fault_other
        self.assertIn("not in the catalogue of Test Forklift", str(error.exception))
        repair.invalidate_recordset()
        self.assertEqual(repair.fault_code_id, self.fault_battery)
        repair.fault_code_id = self.fault_general
        self.assertEqual(repair.fault_code_id, self.fault_general)
        count = self.env["repair.order"].search_count([])
        with self.assertRaises(ValidationError):
            self._create_repair(fault_code_id=self.fault_other.id)
        self.assertEqual(self.env["repair.order"].search_count([]), count)
        # a product of a sub-category takes the fault codes of its parent category
        sub = self.env["product.category"].create(
            {"name": "Test Forklifts 3 t", "parent_id": self.categ_unit.id}
        )
        self.product_unit.categ_id = sub
        repair.fault_code_id = self.fault_battery
        self.assertEqual(repair.fault_code_id, self.fault_battery)
        self.assertEqual(repair.fault_code_categ_ids, self.categ_unit | sub)

    def test_serial_of_another_product_refused_on_write(self):
        """Bad input: changing the serial to one of another product is refused too."""
        other_unit = self.env["product.product"].create(
            {"name": "Test Pallet Truck", "is_storable": True, "tracking": "serial"}
        )
        repair = self._create_repair()
        lot = repair.lot_id
        other_lot = self._create_serial("SN-DESK-OTHER", product=other_unit)
        with self.assertRaisesRegex(ValidationError, "belongs to Test Pallet Truck"):
            repair.lot_id = other_lot
        repair.invalidate_recordset()
        self.assertEqual(repair.lot_id, lot)

    # ---- point 2 / 9: estimated completion, overdue ---------------------------------------
    def test_estimated_completion_and_overdue(self):
        """A repair past its estimated completion (else the customer's requested date) and not
        closed is overdue, for the badge, the red list row and the filter."""
        late = self._create_repair(estimated_completion_date=datetime(2026, 12, 3, 16, 0))
        requested = self._create_repair(requested_date=datetime(2026, 12, 2, 12, 0))
        # the estimate wins over the requested date
        both = self._create_repair(
            requested_date=datetime(2026, 12, 1, 12, 0),
            estimated_completion_date=datetime(2026, 12, 10, 16, 0),
        )
        cancelled = self._create_repair(estimated_completion_date=datetime(2026, 12, 1, 16, 0))
        cancelled.action_repair_cancel()
        repairs = late | requested | both | cancelled
        overdue_domain = self._filter_domain("overdue")
        with freeze_time("2026-12-02 10:00:00"):
            repairs.invalidate_recordset(["is_overdue"])
            self.assertEqual(repairs.filtered("is_overdue"), self.env["repair.order"])
        with freeze_time("2026-12-04 09:00:00"):
            repairs.invalidate_recordset(["is_overdue"])
            self.assertEqual(repairs.filtered("is_overdue"), late | requested)
            found = self.env["repair.order"].search(overdue_domain + [("id", "in", repairs.ids)])
            self.assertEqual(found, late | requested)
            not_overdue = self.env["repair.order"].search(
                [("is_overdue", "=", False), ("id", "in", repairs.ids)]
            )
            self.assertEqual(not_overdue, both | cancelled)

    # ---- point 9: list filters and search -------------------------------------------------
    @users("as_frontdesk")
    def test_list_filters(self):
        """Mine, waiting approval, in inspection, repeat, warranty (free) and paid."""
        mine = self._create_repair(user_id=self.env.uid, service_category="paid")
        free = self._create_repair(service_category="free")
        inspection = self._create_repair(service_category="free")
        inspection.sudo().state = "inspection"
        lot = self._create_serial("SN-DESK-REPEAT")
        with freeze_time("2026-01-10 09:00:00"):
            first = self._create_repair(lot=lot, service_category="free")
        with freeze_time("2026-02-10 09:00:00"):
            repeat = self._create_repair(lot=lot, service_category="free")
        repairs = mine | free | inspection | first | repeat
        Repair = self.env["repair.order"]

        def found(name):
            return Repair.search(self._filter_domain(name) + [("id", "in", repairs.ids)])

        self.assertEqual(found("my_repairs"), mine)
        self.assertEqual(found("waiting_acceptance"), mine)
        self.assertEqual(found("in_inspection"), inspection)
        self.assertEqual(found("repeat_repair"), repeat)
        self.assertEqual(found("category_free"), repairs - mine)
        self.assertEqual(found("category_paid"), mine)

    def test_search_by_serial_phone_fault_code(self):
        self.customer.write({"phone": "+44 23 9200 1100", "mobile": "+44 7700 900123"})
        repair = self._create_repair(
            lot=self._create_serial("SN-DESK-FIND"), fault_code_id=self.fault_battery.id
        )
        other = self._create_repair(partner_id=self.env["res.partner"].create({"name": "X"}).id)
        search = self._arch("aftersales_repair.repair_order_view_search", "search")
        fields = {node.get("name"): node for node in search.xpath("//field")}
        self.assertIn("lot_id", fields)
        self.assertIn("fault_code_id", fields)
        Repair = self.env["repair.order"]
        scope = [("id", "in", (repair | other).ids)]
        phone_filter = fields["contact_phone"].get("filter_domain")
        for term in ("9200 1100", "900123"):  # the contact phone, then the partner's mobile
            domain = safe_eval(phone_filter, {"self": term})
            self.assertEqual(Repair.search(domain + scope), repair, term)
        self.assertEqual(Repair.search([("lot_id", "ilike", "DESK-FIND")] + scope), repair)
        # fault code by its code or its name
        self.assertEqual(Repair.search([("fault_code_id", "ilike", "T-BAT")] + scope), repair)
        self.assertEqual(
            Repair.search([("fault_code_id", "ilike", "hold charge")] + scope), repair
        )

    # ---- point 9: kanban and form ----------------------------------------------------------
    def test_kanban_by_state_with_badges(self):
        action = self.env.ref("aftersales_repair.repair_order_action")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        kanban = self._arch("aftersales_repair.repair_order_view_kanban", "kanban")
        self.assertEqual(kanban.get("default_group_by"), "state")
        badges = {(node.text or "").strip(): node.get("t-if") for node in kanban.xpath("//span")}
        self.assertEqual(badges["Overdue"], "record.is_overdue.raw_value")
        self.assertEqual(badges["Repeat"], "record.is_repeat_repair.raw_value")
        self.assertIn("customer_acceptance_state", badges["Waiting Acceptance"])
        lst = self._arch("aftersales_repair.repair_order_view_list", "list")
        self.assertEqual(lst.get("decoration-danger"), "is_overdue")

    @users("as_frontdesk")
    def test_form_shows_intake_approvals_loan_old_parts_coverage(self):
        form = self._arch()
        shown = {node.get("name") for node in form.xpath("//field")}
        expected = {
            # intake
            "intake_channel",
            "service_mode",
            "contact_phone",
            "site_partner_id",
            "purchase_date",
            "sales_reference",
            "fault_description",
            "requested_date",
            "intake_item_ids",
            "previous_repair_ids",
            "previous_declined_move_ids",
            # diagnosis and estimate
            "fault_code_id",
            "diagnosis_notes",
            "estimated_completion_date",
            "labour_ids",
            # approvals: the customer's and the service price approval
            "customer_acceptance_state",
            "approval_state",
            "approval_review_ids",
            # work, loan unit, old parts, handover
            "inspection_ids",
            "loan_ids",
            "old_part_ids",
            "handover_unit_cleaned",
        }
        if "warranty_status" in self.env["repair.order"]._fields:
            # aftersales_warranty installed: the coverage of the serial and of each line
            expected |= {"warranty_status", "warranty_line_ids", "warranty_source"}
        self.assertEqual(expected - shown, set())
        buttons = {node.get("name") for node in form.xpath("//button")}
        self.assertLessEqual(
            {"action_send_quotation", "action_record_customer_acceptance", "action_view_loans"},
            buttons,
        )
        ribbons = {node.get("title") for node in form.xpath("//widget[@name='web_ribbon']")}
        self.assertIn("Repeat Repair", ribbons)
        self.assertIn("Loan Unit Out", ribbons)

    # ---- points 1 and 7: documents -------------------------------------------------------
    def test_quotation_prints_items_received_and_open_recommendations(self):
        """The quotation the customer signs lists the items received with their condition and,
        for a repeat repair, the recommendations declined earlier (safety ones highlighted)."""
        lot = self._create_serial("SN-DESK-QUOTE")
        with freeze_time("2026-01-10 09:00:00"):
            first = self._create_repair(lot=lot)
            seal = self._add_part(first, self.part_controller, is_safety_relevant=True)
            seal._aftersales_decline()
        with freeze_time("2026-02-10 09:00:00"):
            repair = self._create_repair(
                lot=lot,
                intake_item_ids=[
                    Command.create({"name": "Ignition key", "condition": "good"}),
                    Command.create(
                        {"name": "Operator manual", "condition": "damaged", "note": "torn cover"}
                    ),
                ],
            )
        html = self._render_html("aftersales_repair.action_report_repair_quotation", repair)
        self.assertIn("Items Received with the Unit", html)
        self.assertIn("Ignition key", html)
        self.assertIn("Damaged", html)
        self.assertIn("torn cover", html)
        self.assertIn("Repeat repair.", html)
        self.assertIn("SAFETY: ", html)
        self.assertIn(first.name, html)

    def test_settlement_highlights_declined_safety_work_to_sign(self):
        repair = self._create_repair()
        self._add_part(repair, self.part_battery)
        brake = self._add_part(repair, self.part_controller, is_safety_relevant=True)
        self._add_labour(repair, 1.0)
        brake._aftersales_decline()
        html = self._render_html("aftersales_repair.action_report_repair_settlement", repair)
        root = etree.fromstring(html, etree.HTMLParser())
        danger = root.xpath("//tr[contains(@class, 'table-danger')]")
        self.assertEqual(len(danger), 1)
        self.assertIn("Test Controller MC-400", "".join(danger[0].itertext()))
        self.assertIn("SAFETY", "".join(danger[0].itertext()))
        self.assertIn("I was advised of the recommended work above and declined it.", html)

    def test_amount_in_words_exact(self):
        """English, Spanish and the Chinese uppercase RMB form of the issue."""
        usd = self.env.ref("base.USD")
        self.assertEqual(
            usd._aftersales_amount_to_words(1234.50, "en_US"),
            "One Thousand, Two Hundred And Thirty-Four Dollars And Fifty Cents",
        )
        self.assertEqual(
            usd._aftersales_amount_to_words(1234.50, "es_ES"),
            "Mil doscientos treinta y cuatro dólares con cincuenta centavos",
        )
        self.assertEqual(
            self.env.ref("base.CNY")._aftersales_amount_to_words(1234.50, "zh_CN"),
            "人民币壹仟贰佰叁拾肆元伍角整",
        )

    # ---- point 3: what changed after the approval ------------------------------------------
    def test_raised_estimate_tells_customer_what_changed(self):
        """A total raised after the approval lists the changed lines to the customer."""
        repair = self._create_repair()
        part = self._add_part(repair, self.part_controller)
        labour = self._add_labour(repair, 0.5)
        repair._aftersales_set_customer_decision("accepted", "Megan Doyle", "phone")
        self.assertEqual(repair.accepted_amount, 992.5)
        labour.hours = 3.0
        self.assertEqual(repair.customer_acceptance_state, "pending")
        message = repair.message_ids[0]
        self.assertIn(self.customer, message.partner_ids)
        self.assertIn("Test Repair Labour: 0.5 h → 3 h", message.body)
        repair._aftersales_set_customer_decision("accepted", "Megan Doyle", "phone")
        part.write({"product_uom_qty": 2.0, "repair_price_unit": 1000.0})
        body = repair.message_ids[0].body
        self.assertIn("Test Controller MC-400: quantity 1 → 2", body)
        self.assertIn("Test Controller MC-400: unit price $&nbsp;960.00 → $&nbsp;1,000.00", body)
        # a lower price needs no new approval
        repair._aftersales_set_customer_decision("accepted", "Megan Doyle", "phone")
        part.repair_price_unit = 900.0
        self.assertEqual(repair.customer_acceptance_state, "accepted")

    # ---- access: technicians work their own repairs ----------------------------------------
    def test_technician_works_own_repair_only(self):
        """As the technician (not through the superuser helpers): labour and parts on their own
        repair, start and end it; labour on another technician's repair is refused and does
        not open that repair to them."""
        mine = self._create_repair(service_category="free")
        others = self._create_repair(service_category="free", user_id=self.technician_2.id)
        env = self.env(user=self.technician)
        repair = mine.with_env(env)
        env["aftersales.repair.labour"].create(
            {
                "repair_id": repair.id,
                "product_id": self.product_labour.id,
                "hours": 1.5,
                "technician_id": self.technician.id,
            }
        )
        env["stock.move"].create(
            {
                "repair_id": repair.id,
                "repair_line_type": "add",
                "product_id": self.part_controller.id,
                "product_uom_qty": 1.0,
            }
        )
        repair.write({"fault_code_id": self.fault_battery.id, "diagnosis_notes": "<p>ok</p>"})
        self.assertEqual(repair.estimate_amount, 960.0 + 97.5)
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        self.assertEqual(repair.state, "inspection")
        labour = env["aftersales.repair.labour"]
        with self.assertRaises(AccessError):
            labour.create(
                {
                    "repair_id": others.id,
                    "product_id": self.product_labour.id,
                    "hours": 1.0,
                    "technician_id": self.technician.id,
                }
            )
        self.assertFalse(others.labour_ids)
        with self.assertRaises(AccessError):
            others.with_env(env).read(["name"])

    # ---- point 3: approval recorded by staff -----------------------------------------------
    def test_recorded_approval_cannot_be_dated_in_the_future(self):
        """Bad input: staff record an approval with a date in the future; nothing is saved."""
        repair = self._create_repair(user=self.frontdesk)
        self._add_part(repair, self.part_controller)
        Wizard = self.env["aftersales.repair.acceptance.wizard"].with_user(self.manager)
        with freeze_time("2026-12-01 10:00:00"):
            wizard = Wizard.create(
                {
                    "repair_id": repair.id,
                    "accepted_by": "Megan Doyle",
                    "method": "phone",
                    "acceptance_date": "2026-12-02 09:00:00",
                }
            )
            with self.assertRaises(UserError) as error:
                wizard.action_confirm()
            self.assertIn("cannot be dated in the future", str(error.exception))
            self.assertEqual(repair.customer_acceptance_state, "pending")
            wizard.acceptance_date = "2026-12-01 09:30:00"
            wizard.action_confirm()
        self.assertEqual(repair.customer_acceptance_state, "accepted")
        self.assertEqual(repair.customer_acceptance_date, datetime(2026, 12, 1, 9, 30))
        self.assertEqual(repair.customer_acceptance_recorded_by_id, self.manager)
