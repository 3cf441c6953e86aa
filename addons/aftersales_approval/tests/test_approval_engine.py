# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo_test_helper import FakeModelLoader

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestApprovalEngine(TransactionCase):
    """The engine on its own, on a fake document (tests/models.py): rules by band and stored
    condition, sequential and parallel steps, who may decide, what approvers receive."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.loader = FakeModelLoader(cls.env, cls.__module__)
        cls.loader.backup_registry()
        from .models import AftersalesApprovalRuleTester, AftersalesApprovalTester

        cls.loader.update_registry((AftersalesApprovalTester, AftersalesApprovalRuleTester))
        cls.Tester = cls.env["aftersales.approval.tester"]
        cls.Rule = cls.env["aftersales.approval.rule"]
        cls.env["ir.model.access"].create(
            {
                "name": "approval tester employee",
                "model_id": cls.env["ir.model"]._get_id("aftersales.approval.tester"),
                "group_id": cls.env.ref("base.group_user").id,
                "perm_read": True,
                "perm_write": True,
                "perm_create": True,
                "perm_unlink": True,
            }
        )
        cls.group_a = cls.env["res.groups"].create({"name": "Approvers A (test)"})
        cls.group_b = cls.env["res.groups"].create({"name": "Approvers B (test)"})
        cls.requester = new_test_user(cls.env, login="eng_requester", groups="base.group_user")
        cls.approver_a = new_test_user(cls.env, login="eng_a", groups="base.group_user")
        cls.approver_a2 = new_test_user(cls.env, login="eng_a2", groups="base.group_user")
        cls.approver_b = new_test_user(cls.env, login="eng_b", groups="base.group_user")
        cls.group_a.users = [Command.set((cls.approver_a | cls.approver_a2).ids)]
        cls.group_b.users = [Command.set(cls.approver_b.ids)]
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Engine Customer Ltd", "is_company": True}
        )
        cls.person = cls.env["res.partner"].create({"name": "Engine Person"})
        cls.rule = cls.Rule.create(
            {
                "name": "Tester up to 1,000",
                "document_type": "approval_tester",
                "amount_from": 0.0,
                "amount_to": 1000.0,
                "amount_to_included": True,
                "step_ids": [
                    Command.create({"sequence": 1, "group_id": cls.group_a.id}),
                    Command.create(
                        {"sequence": 2, "reviewer_type": "user", "user_id": cls.approver_b.id}
                    ),
                ],
            }
        )
        cls.activity_type = cls.env.ref("aftersales_approval.mail_activity_type_approval")

    @classmethod
    def tearDownClass(cls):
        cls.loader.restore_registry()
        super().tearDownClass()

    def _document(self, amount, partner=None):
        return self.Tester.with_user(self.requester).create(
            {"name": "Doc", "amount": amount, "partner_id": (partner or self.person).id}
        )

    def _activities(self, document):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", document._name),
                ("res_id", "=", document.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def test_rule_band_and_condition(self):
        """A rule applies in its band; its stored condition is evaluated on the document with
        filtered_domain; without a document a rule with a condition never applies."""
        self.assertEqual(self.rule.res_model, "aftersales.approval.tester")
        company_rule = self.Rule.create(
            {
                "name": "Companies only",
                "document_type": "approval_tester",
                "amount_from": 0.0,
                "no_upper_limit": True,
                "domain": "[('partner_id.is_company', '=', True)]",
                "step_ids": [Command.create({"group_id": self.group_b.id})],
            }
        )
        get = self.Rule._get_applicable_rules
        person_doc = self._document(500.0)
        company_doc = self._document(500.0, self.company_partner)
        self.assertEqual(get("approval_tester", 500.0, self.env.company, person_doc), self.rule)
        self.assertEqual(
            get("approval_tester", 500.0, self.env.company, company_doc),
            self.rule | company_rule,
        )
        self.assertEqual(get("approval_tester", 1500.0, self.env.company), self.Rule)
        self.assertEqual(
            get("approval_tester", 1500.0, self.env.company, company_doc), company_rule
        )
        self.assertEqual(company_doc.approval_state, "to_request")
        self.assertEqual(self._document(2000.0).approval_state, "not_needed")
        with self.assertRaises(ValidationError):
            company_rule.domain = "[('no_such_field', '=', 1)]"

    def test_sequential_steps_and_notifications(self):
        """Step 2 opens when step 1 is approved; each approver whose turn comes gets an
        activity and is addressed by one chatter message; the requester cannot decide."""
        doc = self._document(800.0)
        with self.assertRaises(UserError):
            doc.action_done()
        doc.action_request_approval()
        self.assertEqual(doc.approval_state, "pending")
        self.assertEqual(self._activities(doc).user_id, self.approver_a | self.approver_a2)
        # the approvers follow the document (subscribed in one batch)
        self.assertLessEqual(
            (self.approver_a | self.approver_a2).partner_id, doc.message_partner_ids
        )
        message = doc.message_ids[0]
        self.assertEqual(
            message.notified_partner_ids, (self.approver_a | self.approver_a2).partner_id
        )
        with self.assertRaises(UserError):
            doc.action_approve()  # the requester
        with self.assertRaises(UserError):
            doc.with_user(self.approver_b).action_approve()  # not their turn yet
        doc.with_user(self.approver_a).action_approve(comment="fine")
        self.assertEqual(self._activities(doc).user_id, self.approver_b)
        self.assertEqual(doc.message_ids[0].notified_partner_ids, self.approver_b.partner_id)
        self.assertEqual(doc.approval_state, "pending")
        doc.with_user(self.approver_b).action_approve()
        self.assertEqual(doc.approval_state, "approved")
        self.assertFalse(self._activities(doc))
        self.assertEqual(
            doc.approval_review_ids.mapped("done_by_id"), self.approver_a | self.approver_b
        )
        doc.action_done()
        self.assertEqual(doc.state, "done")

    def test_request_note_reaches_note_followers(self):
        """The request note goes to the approvers (its recipients) and, as any note Odoo
        posts, to the internal followers of notes; followers of discussions only are not
        notified. Each approval task names the step it asks to decide."""
        watcher = new_test_user(
            self.env, login="eng_watcher", groups="base.group_user", notification_type="inbox"
        )
        chatty = new_test_user(
            self.env, login="eng_chatty", groups="base.group_user", notification_type="inbox"
        )
        doc = self._document(800.0)
        note = self.env.ref("mail.mt_note")
        discussion = self.env.ref("mail.mt_comment")
        doc.message_subscribe(partner_ids=watcher.partner_id.ids, subtype_ids=note.ids)
        doc.message_subscribe(partner_ids=chatty.partner_id.ids, subtype_ids=discussion.ids)
        doc.action_request_approval()
        request = doc.message_ids[0]
        self.assertIn("Approval requested", request.body)
        approvers = (self.approver_a | self.approver_a2).partner_id
        # whom it reached is what its notifications record (one per approver and follower)
        self.assertEqual(request.notified_partner_ids, approvers | watcher.partner_id)
        self.assertFalse(request.partner_ids)
        self.assertEqual(
            request.notification_ids.filtered(
                lambda n: n.res_partner_id == watcher.partner_id
            ).notification_type,
            "inbox",
        )
        review = doc.approval_review_ids.filtered(lambda r: r.status == "pending")
        self.assertEqual(len(review), 1)
        self.assertEqual(self._activities(doc).aftersales_approval_review_id, review)
        self.assertEqual(review.activity_ids, self._activities(doc))

    def test_parallel_step(self):
        """A parallel step opens together with the step before it."""
        self.rule.step_ids[1].mode = "parallel"
        doc = self._document(300.0)
        doc.action_request_approval()
        self.assertEqual(
            self._activities(doc).user_id,
            self.approver_a | self.approver_a2 | self.approver_b,
        )
        doc.with_user(self.approver_b).action_approve()
        doc.with_user(self.approver_a2).action_approve()
        self.assertEqual(doc.approval_state, "approved")

    def test_reject_and_change_after_decision(self):
        """A rejection needs a reason and gives the requester an activity; changing a field
        under review after the decision asks for a new approval."""
        doc = self._document(300.0)
        doc.action_request_approval()
        with self.assertRaises(UserError):
            doc.with_user(self.approver_a).action_reject("  ")
        with self.assertRaises(UserError):
            doc.amount = 350.0  # pending: under review
        doc.with_user(self.approver_a).action_reject("Too expensive")
        self.assertEqual(doc.approval_state, "rejected")
        todo = self.env["mail.activity"].search(
            [("res_model", "=", doc._name), ("res_id", "=", doc.id), ("note", "ilike", "Too")]
        )
        self.assertEqual(todo.user_id, self.requester)
        doc.with_user(self.requester).amount = 250.0
        self.assertEqual(doc.approval_state, "to_request")
        self.assertEqual(set(doc.approval_review_ids.mapped("status")), {"cancelled"})

    def test_rejection_task_in_the_requesters_language(self):
        """The approver works in English, the requester in Chinese: the requester's task
        says so in Chinese (issue 18 point 4)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_approval"], ["zh_CN"], overwrite=True
        )
        self.requester.lang = "zh_CN"
        self.approver_a.lang = "en_US"
        doc = self._document(300.0)
        doc.action_request_approval()
        doc.with_user(self.approver_a).action_reject("Too expensive")
        todo = self.env["mail.activity"].search(
            [("res_model", "=", doc._name), ("res_id", "=", doc.id), ("note", "ilike", "Too")]
        )
        self.assertEqual(todo.user_id, self.requester)
        self.assertEqual(todo.summary, "审批被驳回")

    def test_fields_owned_by_the_engine(self):
        """Users cannot write the approval state, requester or reviews."""
        doc = self._document(300.0)
        with self.assertRaises(UserError):
            doc.with_user(self.requester).write({"approval_request_state": "approved"})
        with self.assertRaises(UserError):
            self.Tester.with_user(self.requester).create(
                {"name": "Forged", "amount": 1.0, "approval_request_state": "approved"}
            )
