# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Date
from odoo.tests import Form, new_test_user, tagged

from .repair_common import RepairDeskCommon


@tagged("post_install", "-at_install")
class TestPaymentRefusal(RepairDeskCommon):
    """Issue 19 point 4 (§4): a customer who refuses to pay is served only with the service
    director's approval (readme/CONFIGURE.md, "Customers who refuse to pay"). The accountant
    flags the customer; the front desk cannot confirm the repair and the technician cannot start
    it until the service director (Service VP) approved, whatever the price."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(
            cls.env, login="rp_accountant", groups="account.group_account_invoice"
        )
        cls.director = new_test_user(
            cls.env,
            login="rp_director",
            groups="aftersales_repair.aftersales_group_service_vp",
            name="Service Director",
        )
        cls.refuser = cls.env["res.partner"].create(
            {"name": "Northgate Warehousing Test", "is_company": True}
        )
        cls.refuser_contact = cls.env["res.partner"].create(
            {"name": "Dana Holt", "parent_id": cls.refuser.id}
        )
        cls._flag(cls.refuser_contact, cls.accountant, "Refused the last repair's charge.")

    @classmethod
    def _flag(cls, partner, user, reason=None, refuses=True):
        """The accountant's button on the customer's form (an accountant may not edit
        contacts otherwise)."""
        action = partner.with_user(user).action_aftersales_payment_refusal()
        wizard = Form(
            cls.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"], tracking_disable=False)
        )
        wizard.refuses_to_pay = refuses
        if reason:
            wizard.reason = reason
        wizard.save().action_apply()

    def _repair(self, **vals):
        vals.setdefault("partner_id", self.refuser_contact.id)
        lot = self._create_serial(
            f"SN-RP-{self._next_serial()}",
            owner=self.env["res.partner"].browse(vals["partner_id"]),
        )
        return self._create_repair(lot=lot, user=self.frontdesk, **vals)

    def test_default_is_the_regulation(self):
        company = self.env["res.company"].create({"name": "Refusal Test Co"})
        self.assertTrue(company.aftersales_refusal_approval)
        rule = self.env["aftersales.approval.rule"].search(
            [("company_id", "=", company.id), ("document_type", "=", "repair_payment_refusal")]
        )
        self.assertEqual(len(rule), 1)
        self.assertEqual(
            rule.step_ids.group_id, self.env.ref("aftersales_repair.aftersales_group_service_vp")
        )
        self.assertTrue(rule._matches_amount(0.0))

    def test_accountant_flags_the_company_and_its_contacts_follow(self):
        self.assertTrue(self.refuser.aftersales_refuses_to_pay, "set on the company")
        self.assertEqual(self.refuser.aftersales_refuses_to_pay_date, Date.today())
        self.assertTrue(self.refuser_contact.aftersales_refuses_to_pay)
        # the change is tracked (posted at the end of the transaction), by the accountant
        self._flag(self.customer, self.accountant, "Two invoices unpaid.")
        self.env.flush_all()
        self.env.cr.precommit.run()
        message = self.customer.message_ids[:1]
        self.assertEqual(
            set(message.sudo().tracking_value_ids.field_id.mapped("name")),
            {
                "aftersales_refuses_to_pay",
                "aftersales_refuses_to_pay_reason",
                "aftersales_refuses_to_pay_date",
            },
        )
        self.assertEqual(message.author_id, self.accountant.partner_id)
        self._flag(self.customer, self.accountant, refuses=False)
        # a desk user who may edit contacts adds a contact to the flagged company (it takes the
        # company's flag), but cannot set, change or clear the flag, over RPC neither
        desk = new_test_user(
            self.env,
            login="rp_desk_contacts",
            groups="aftersales_repair.aftersales_group_user,base.group_partner_manager",
        )
        contact = (
            self.env["res.partner"]
            .with_user(desk)
            .create({"name": "Lee Park", "parent_id": self.refuser.id})
        )
        self.assertTrue(contact.aftersales_refuses_to_pay)
        contact.with_user(desk).write({"function": "Buyer", "parent_id": self.refuser.id})
        for partner, vals in (
            (self.refuser, {"aftersales_refuses_to_pay": False}),
            (contact, {"aftersales_refuses_to_pay": False}),
            (self.refuser, {"aftersales_refuses_to_pay_reason": "Paid after all."}),
            (
                self.customer,
                {"aftersales_refuses_to_pay": True, "aftersales_refuses_to_pay_reason": "x"},
            ),
        ):
            with self.assertRaisesRegex(AccessError, "accountant or an After-Sales Manager"):
                partner.with_user(desk).write(vals)
        with self.assertRaisesRegex(AccessError, "accountant or an After-Sales Manager"):
            self.env["res.partner"].with_user(desk).create(
                {
                    "name": "Flagged By Desk",
                    "aftersales_refuses_to_pay": True,
                    "aftersales_refuses_to_pay_reason": "x",
                }
            )
        with self.assertRaisesRegex(AccessError, "accountant or an After-Sales Manager"):
            self.customer.with_user(self.frontdesk)._aftersales_set_payment_refusal(True, "x")
        with self.assertRaisesRegex(ValidationError, "reason"):
            self.customer.with_user(self.manager)._aftersales_set_payment_refusal(True)
        self._flag(self.refuser, self.manager, refuses=False)
        self.assertFalse(self.refuser_contact.aftersales_refuses_to_pay)
        self.assertFalse(self.refuser.aftersales_refuses_to_pay_reason)

    def test_free_repair_waits_for_the_director(self):
        """Nothing charged (price 0): the director's approval alone."""
        repair = self._repair(service_category="free")
        self.assertEqual(repair.approval_amount, 0.0)
        self.assertEqual(repair.approval_state, "to_request")
        with self.assertRaisesRegex(UserError, "refuses to pay.*Request Price Approval"):
            repair.with_user(self.frontdesk).action_validate()
        # nor by writing the state over RPC
        with self.assertRaisesRegex(UserError, "refuses to pay"):
            repair.with_user(self.frontdesk).write({"state": "confirmed"})
        with self.assertRaisesRegex(UserError, "refuses to pay"):
            repair.with_user(self.technician).action_repair_start()
        self.assertEqual(repair.state, "draft")
        repair.with_user(self.frontdesk).action_request_approval()
        self.assertEqual(
            repair.approval_review_ids.group_id,
            self.env.ref("aftersales_repair.aftersales_group_service_vp"),
        )
        with self.assertRaisesRegex(UserError, "waiting for Service VP"):
            repair.with_user(self.frontdesk).action_validate()
        with self.assertRaisesRegex(UserError, "not an approver"):
            repair.with_user(self.manager).action_approve()
        repair.with_user(self.director).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        review = repair.approval_review_ids
        self.assertEqual((review.done_by_id, review.status), (self.director, "approved"))
        repair.with_user(self.frontdesk).action_validate()
        self.assertEqual(repair.state, "confirmed")
        repair.with_user(self.technician).action_repair_start()
        self.assertEqual(repair.state, "under_repair")

    def test_flag_set_after_confirmation_stops_the_start(self):
        repair = self._repair(service_category="free", partner_id=self.customer.id)
        self.assertEqual(repair.approval_state, "not_needed")
        repair.with_user(self.frontdesk).action_validate()
        self._flag(self.customer, self.accountant, "Disputes every invoice.")
        self.assertEqual(repair.approval_state, "to_request")
        with self.assertRaisesRegex(UserError, "refuses to pay"):
            repair.with_user(self.technician).action_repair_start()
        self.assertEqual(repair.state, "confirmed")

    def test_rejected_by_the_director(self):
        repair = self._repair(service_category="free")
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.director).action_reject("We do not serve this customer.")
        with self.assertRaisesRegex(UserError, "rejected"):
            repair.with_user(self.frontdesk).action_validate()

    def test_paid_repair_needs_the_price_approver_and_the_director(self):
        repair = self._repair()
        self._add_part(repair, self.part_controller)
        self.assertGreater(repair.approval_amount, 0.0)
        repair.with_user(self.frontdesk).action_request_approval()
        reviews = repair.approval_review_ids
        self.assertEqual(
            set(reviews.mapped("document_type")), {"repair_price", "repair_payment_refusal"}
        )
        repair.with_user(self.manager).action_approve()
        self.assertEqual(repair.approval_state, "pending")
        with self.assertRaisesRegex(UserError, "waiting for Service VP"):
            repair.with_user(self.frontdesk).action_validate()
        repair.with_user(self.director).action_approve()
        repair.with_user(self.frontdesk).action_validate()
        self.assertEqual(repair.state, "confirmed")

    def test_fully_waived_charge_still_needs_the_director(self):
        repair = self._repair()
        self._add_part(repair, self.part_controller)
        repair.with_user(self.frontdesk).write(
            {"waived_amount": repair.approval_amount, "waiver_reason": "Goodwill."}
        )
        repair.with_user(self.frontdesk).action_request_approval()
        self.assertIn("repair_payment_refusal", repair.approval_review_ids.mapped("document_type"))
        repair.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "refuses to pay"):
            repair.with_user(self.frontdesk).action_validate()

    def test_setting_off_and_paying_customers(self):
        paying = self._repair(service_category="free", partner_id=self.customer.id)
        self.assertEqual(paying.approval_state, "not_needed")
        paying.with_user(self.frontdesk).action_validate()
        self.company.aftersales_refusal_approval = False
        repair = self._repair(service_category="free")
        self.assertEqual(repair.approval_state, "not_needed")
        repair.with_user(self.frontdesk).action_validate()
        self.assertEqual(repair.state, "confirmed")
