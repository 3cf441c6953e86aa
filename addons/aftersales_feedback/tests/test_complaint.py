# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged, users
from odoo.tools import mute_logger

from .common import FeedbackCommon


@tagged("post_install", "-at_install")
class TestComplaint(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        route = cls.env.ref("aftersales_feedback.complaint_route_product_quality")
        route.write({"team_id": cls.team.id, "user_id": cls.manager.id})

    def test_reference_route_and_first_responder(self):
        complaint = (
            self.env["aftersales.complaint"]
            .with_user(self.salesperson)
            .create(
                {
                    "subject": "Fork bent",
                    "category": "product_quality",
                    "partner_id": self.customer.id,
                }
            )
        )
        self.assertTrue(complaint.name.startswith("CMP/"))
        self.assertEqual(complaint.user_id, self.salesperson, "the receiving user owns it")
        self.assertEqual(complaint.team_id, self.team)
        self.assertEqual(complaint.responsible_user_id, self.manager)
        with self.assertRaisesRegex(UserError, "Hand Over"):
            complaint.user_id = self.manager
        with self.assertRaisesRegex(UserError, "Hand Over"):
            complaint.write({"subject": "Fork bent badly", "user_id": self.manager.id})
        self.assertEqual(complaint.subject, "Fork bent", "nothing of the refused write is saved")
        # its owner hands it over, with the reason: the one way the owner changes
        wizard = (
            self.env["aftersales.complaint.handover"]
            .with_user(self.salesperson)
            .create(
                {
                    "complaint_id": complaint.id,
                    "new_user_id": self.manager.id,
                    "reason": "Quality case",
                }
            )
        )
        wizard.action_confirm()
        # the former owner no longer sees it (the note of the hand-over was posted before)
        with self.assertRaises(AccessError):
            complaint.invalidate_recordset()
            complaint.check_access("read")
        complaint = complaint.with_env(self.env)
        self.assertEqual(complaint.user_id, self.manager)
        note = complaint.message_ids.filtered(lambda m: "Quality case" in m.body)
        self.assertEqual(note.author_id, self.salesperson.partner_id)

    @freeze_time("2026-03-02 09:00:00")  # a Monday
    def test_deadlines_in_working_hours(self):
        # seed 003: answered within 48 hours of acceptance, calendar hours by default
        self.assertEqual(
            self.env["res.company"].create({"name": "New Co"}).aftersales_complaint_answer_count,
            "calendar",
        )
        complaint = self._complaint(reported_date=datetime(2026, 3, 2, 9, 0))
        # 4 working hours: 9-12 (3 h) then 13-14
        self.assertEqual(complaint.acknowledge_deadline, datetime(2026, 3, 2, 14, 0))
        self.assertEqual(complaint.answer_deadline, datetime(2026, 3, 4, 9, 0))
        # a Friday afternoon complaint is due Sunday afternoon, the weekend counts
        friday = self._complaint(reported_date=datetime(2026, 3, 6, 15, 0))
        self.assertEqual(friday.answer_deadline, datetime(2026, 3, 8, 15, 0))
        self.company.aftersales_complaint_answer_count = "working"
        complaint = self._complaint(reported_date=datetime(2026, 3, 2, 9, 0))
        # 48 working hours: Mon 7 h, Tue-Fri 32 h, next Mon 8 h = 47 h, then Tue 9:00
        self.assertEqual(complaint.answer_deadline, datetime(2026, 3, 10, 9, 0))
        self.company.aftersales_complaint_answer_hours = 8
        complaint2 = self._complaint(reported_date=datetime(2026, 3, 2, 9, 0))
        self.assertEqual(complaint2.answer_deadline, datetime(2026, 3, 3, 9, 0))

    def test_late_answer_flagged(self):
        with freeze_time("2026-03-02 09:00:00"):
            complaint = self._complaint(reported_date=datetime(2026, 3, 2, 9, 0))
            complaint.action_acknowledge()
        complaint.write(
            {
                "answer": "We replaced the seal free of charge.",
                "answer_method": "letter",
                "customer_reaction": "Accepted",
                "root_cause": "Seal batch defect",
                "corrective_action": "Supplier audit",
                "compensation_amount": 150.0,
            }
        )
        with freeze_time("2026-03-12 10:00:00"):
            complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.answered_late)
        self.assertAlmostEqual(complaint.answer_hours, 10 * 24 + 1)

    def test_close_requires_answer_and_reopen(self):
        complaint = self._complaint()
        complaint.action_acknowledge()
        with self.assertRaisesRegex(UserError, "Answer to the Customer"):
            complaint.action_close()
        self.assertEqual(complaint.state, "acknowledged", "nothing half-saved")
        complaint.write({"answer": "Replaced", "answer_method": "phone"})
        with self.assertRaisesRegex(UserError, "Root Cause"):
            complaint.action_close()
        complaint.write(
            {"customer_reaction": "Happy", "root_cause": "Wear", "corrective_action": "Training"}
        )
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        complaint.action_reopen()
        self.assertEqual(complaint.state, "acknowledged")
        self.assertEqual(complaint.reopen_count, 1)
        self.assertFalse(complaint.closed_date)

    def test_serious_notifies_deputy_gm_and_needs_branch_head(self):
        complaint = self._complaint(severity="critical", severity_reason="safety")
        self.assertTrue(complaint.deputy_gm_notified)
        self.assertIn(self.deputy_gm.partner_id, complaint.message_partner_ids)
        self.assertIn(self.deputy_gm, complaint.activity_ids.user_id)
        self.assertTrue(
            complaint.message_ids.filtered(lambda m: self.deputy_gm.partner_id in m.partner_ids)
        )
        complaint.write(
            {
                "answer": "Unit taken out of service and repaired",
                "answer_method": "visit",
                "customer_reaction": "Relieved",
                "root_cause": "Brake line chafed",
                "corrective_action": "Routing clip added",
            }
        )
        with self.assertRaisesRegex(UserError, "Branch Head"):
            complaint.action_close()
        complaint.write({"branch_head_contact": "visit", "branch_head_contact_date": "2026-03-03"})
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        # raising a normal one to serious later notifies too
        other = self._complaint()
        self.assertFalse(other.deputy_gm_notified)
        other.severity = "serious"
        self.assertTrue(other.deputy_gm_notified)

    def test_handover_wizard(self):
        complaint = self._complaint()
        wizard = self.env["aftersales.complaint.handover"].create(
            {"complaint_id": complaint.id, "reason": "On holiday"}
        )
        with self.assertRaisesRegex(UserError, "Choose the person"):
            wizard.action_confirm()
        wizard.new_user_id = self.frontdesk
        wizard.reason = " "
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()
        wizard.reason = "On holiday for two weeks"
        wizard.action_confirm()
        self.assertEqual(complaint.user_id, self.frontdesk)
        self.assertEqual(
            len(complaint.message_ids.filtered(lambda m: "On holiday for two weeks" in m.body)), 1
        )

    def test_email_alias_creates_complaint(self):
        alias = self.env.ref("aftersales_feedback.mail_alias_complaint")
        self.assertEqual(alias.alias_model_id.model, "aftersales.complaint")
        domain = self.env["mail.alias.domain"].create({"name": "test.example.com"})
        alias.alias_domain_id = domain
        email = (
            "From: Megan <fleet@harbour.example.com>\r\n"
            "To: complaints@test.example.com\r\n"
            "Subject: Forklift delivered with a broken mirror\r\n"
            "Message-ID: <complaint-1@harbour.example.com>\r\n"
            "Content-Type: text/plain\r\n\r\n"
            "The mirror was broken on arrival.\r\n"
        )
        res_id = self.env["mail.thread"].message_process(False, email)
        complaint = self.env["aftersales.complaint"].browse(res_id)
        self.assertEqual(complaint.subject, "Forklift delivered with a broken mirror")
        self.assertEqual(complaint.channel, "email")
        self.assertEqual(complaint.partner_id, self.customer)

    def test_suggestion_reward(self):
        suggestion = self._complaint(kind="suggestion", subject="Add a battery gauge")
        suggestion.reward_suggested = True
        suggestion.write({"answer": "Thanks, forwarded to R&D", "answer_method": "email"})
        suggestion.action_close()
        self.assertEqual(suggestion.state, "closed")

    def test_negative_compensation_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._complaint(compensation_amount=-5)

    def test_create_repair_links_back(self):
        lot = self._create_serial("SN-CMP-1")
        complaint = self._complaint(product_id=self.product_unit.id, lot_id=lot.id)
        action = complaint.action_create_repair()
        repair = self.env["repair.order"].browse(action["res_id"])
        self.assertEqual(repair.aftersales_complaint_id, complaint)
        self.assertEqual(complaint.created_repair_ids, repair)
        self.assertEqual(repair.partner_id, self.customer)
        self.assertEqual(repair.lot_id, lot)

    def test_create_return_from_delivery(self):
        product = self._create_part("Test Mirror", 40.0, 20.0, qty=5.0)
        picking_type = self.env.ref("stock.picking_type_out")
        picking = self.env["stock.picking"].create(
            {
                "partner_id": self.customer.id,
                "picking_type_id": picking_type.id,
                "location_id": self.stock_location.id,
                "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": 2.0,
                            "product_uom": product.uom_id.id,
                            "location_id": self.stock_location.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = 2.0
        picking.move_ids.picked = True
        picking.button_validate()
        complaint = self._complaint(product_id=product.id, category="packaging_damage")
        action = complaint.action_create_return()
        self.assertEqual(complaint.picking_id, picking)
        wizard = self.env["stock.return.picking"].browse(action["res_id"])
        self.assertEqual(wizard.picking_id, picking)
        self.assertEqual(wizard.aftersales_complaint_id, complaint)
        self.assertEqual(wizard.product_return_moves.product_id, product)
        wizard.product_return_moves.quantity = 1.0
        wizard.action_create_returns()
        self.assertEqual(len(complaint.return_picking_ids), 1)
        self.assertEqual(complaint.return_picking_count, 1)

    def test_no_delivery_to_return(self):
        complaint = self._complaint(product_id=self.part_battery.id)
        with self.assertRaisesRegex(UserError, "No delivery"):
            complaint.action_create_return()

    def test_smart_buttons_with_defaults(self):
        complaint = self._complaint()
        self.assertEqual(self.customer.aftersales_complaint_count, 1)
        action = self.customer.action_view_aftersales_complaints()
        self.assertEqual(action["context"]["default_partner_id"], self.customer.id)
        order = self.env["sale.order"].create({"partner_id": self.customer.id})
        action = order.action_view_aftersales_complaints()
        new = (
            self.env["aftersales.complaint"]
            .with_context(**action["context"])
            .create({"subject": "Late delivery", "category": "delivery_delay"})
        )
        self.assertEqual(new.sale_order_id, order)
        self.env.invalidate_all()
        self.assertEqual(order.aftersales_complaint_count, 1)
        self.assertEqual(self.customer.aftersales_complaint_count, 2)
        complaint.product_id = self.part_battery
        self.env.invalidate_all()
        self.assertEqual(self.part_battery.product_tmpl_id.aftersales_complaint_count, 1)
        invoice = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.customer.id}
        )
        ctx = invoice.action_view_aftersales_complaints()["context"]
        new = self.env["aftersales.complaint"].with_context(**ctx).create({"subject": "Price"})
        self.env.invalidate_all()
        self.assertEqual(invoice.aftersales_complaint_count, 1)
        self.assertEqual(new.invoice_id, invoice)

    def test_quick_create_form(self):
        form = Form(
            self.env["aftersales.complaint"].with_user(self.frontdesk),
            view="aftersales_feedback.aftersales_complaint_view_quick_create",
        )
        form.subject = "Driver was rude"
        form.category = "staff_attitude"
        form.partner_id = self.customer
        complaint = form.save()
        self.assertEqual(complaint.user_id, self.frontdesk)


@tagged("post_install", "-at_install")
class TestComplaintAccess(FeedbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.env["aftersales.complaint"].create(
            {"subject": "Own", "partner_id": cls.customer.id, "user_id": cls.salesperson.id}
        )
        cls.team_one = cls.env["aftersales.complaint"].create(
            {"subject": "Team", "user_id": cls.manager.id, "team_id": cls.team.id}
        )
        cls.other = cls.env["aftersales.complaint"].create(
            {"subject": "Other", "user_id": cls.manager.id}
        )
        cls.portal = new_test_user(cls.env, login="as_portal", groups="base.group_portal")

    @users("as_sales")
    def test_salesperson_sees_own_only(self):
        visible = self.env["aftersales.complaint"].search([])
        self.assertIn(self.own, visible)
        self.assertNotIn(self.other, visible)
        self.assertNotIn(self.team_one, visible)
        with self.assertRaises(AccessError):
            self.other.with_user(self.env.user).read(["subject"])

    @users("as_frontdesk")
    def test_team_member_sees_team(self):
        visible = self.env["aftersales.complaint"].search([])
        self.assertIn(self.team_one, visible)
        self.assertNotIn(self.other, visible)

    @users("as_manager")
    def test_manager_sees_all(self):
        visible = self.env["aftersales.complaint"].search([])
        self.assertTrue({self.own, self.team_one, self.other} <= set(visible))

    def test_portal_sees_nothing(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.complaint"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.env["aftersales.feedback.request"].with_user(self.portal).search([])

    @users("as_technician")
    def test_technician_has_no_complaints(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.complaint"].search([])

    def test_other_company_hidden(self):
        company_b = self.env["res.company"].create({"name": "Other Co"})
        foreign = self.env["aftersales.complaint"].create(
            {"subject": "Elsewhere", "company_id": company_b.id, "user_id": self.manager.id}
        )
        visible = self.env["aftersales.complaint"].with_user(self.manager).search([])
        self.assertNotIn(foreign, visible)

    def test_salesperson_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.own.with_user(self.salesperson).unlink()

    def test_invalid_severity_refused(self):
        with self.assertRaises(ValueError):
            self.own.severity = "apocalyptic"
        self.assertRaises(
            ValidationError,
            self.env["res.partner"].create,
            {"name": "X", "aftersales_preferred_call_time": 25},
        )


@tagged("post_install", "-at_install")
class TestCallbackAndCampaignAccess(FeedbackCommon):
    def test_salesperson_sees_own_callbacks_only(self):
        plan = self.env.ref("aftersales_feedback.callback_plan_repair")
        Callback = self.env["aftersales.callback"]
        base = {
            "plan_id": plan.id,
            "trigger": "repair",
            "partner_id": self.customer.id,
            "due_date": "2026-03-05 09:00:00",
            "call_at": "2026-03-05 10:00:00",
        }
        mine = Callback.create(
            dict(base, name="Mine", source_key="t:1", user_id=self.salesperson.id)
        )
        other = Callback.create(
            dict(base, name="Other", source_key="t:2", user_id=self.frontdesk.id)
        )
        visible = Callback.with_user(self.salesperson).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(other, visible)
        with self.assertRaises(AccessError):
            Callback.with_user(self.salesperson).create(dict(base, name="X", source_key="t:3"))

    def test_salesperson_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["aftersales.survey.campaign"].with_user(self.salesperson).create(
                {"name": "Mine"}
            )
        with self.assertRaises(AccessError):
            self.env["aftersales.callback.plan"].with_user(self.salesperson).create(
                {"name": "Mine", "trigger": "repair"}
            )
        with self.assertRaises(AccessError):
            self.env["aftersales.technician.rating.report"].with_user(self.salesperson).search([])


@tagged("post_install", "-at_install")
class TestComplaintForms(FeedbackCommon):
    def test_salesperson_logs_from_repair_form(self):
        repair = self._done_repair("SN-FORM-1")
        ctx = repair.action_view_aftersales_complaints()["context"]
        form = Form(
            self.env["aftersales.complaint"].with_user(self.salesperson).with_context(**ctx)
        )
        form.subject = "Noise after the repair"
        form.category = "product_quality"
        complaint = form.save()
        self.assertEqual(complaint.repair_id, repair)
        self.assertEqual(complaint.lot_id, repair.lot_id)
        self.assertEqual(complaint.technician_id, self.technician)
        self.assertEqual(complaint.user_id, self.salesperson)
        self.assertEqual(repair.aftersales_complaint_count, 1)

    def test_settings_form(self):
        settings = Form(self.env["res.config.settings"])
        settings.aftersales_complaint_answer_hours = 24
        settings.aftersales_feedback_expiry_days = 14
        settings.save().execute()
        self.assertEqual(self.company.aftersales_complaint_answer_hours, 24)
        self.assertEqual(self.company.aftersales_feedback_expiry_days, 14)
