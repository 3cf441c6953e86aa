# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import AftersalesCommon

GROUP = "aftersales_repair.aftersales_group_%s"


class ApprovalCommon(AftersalesCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["aftersales.approval.rule"]
        cls.Review = cls.env["aftersales.approval.review"]

        def user(login, role):
            return new_test_user(cls.env, login=login, groups=GROUP % role)

        cls.manager_2 = user("as_manager2", "manager")
        cls.sales_vp = user("as_sales_vp", "sales_vp")
        cls.general_manager = user("as_gm", "general_manager")
        cls.centre_head = user("as_centre_head", "service_centre_head")
        cls.quality_manager = user("as_quality_manager", "quality_manager")
        cls.service_vp = user("as_service_vp", "service_vp")
        cls.bypass_group = cls.env["res.groups"].create({"name": "Approval Bypass (test)"})
        cls.bypass_user = new_test_user(
            cls.env,
            login="as_bypass",
            groups="aftersales_repair.aftersales_group_user",
        )
        cls.bypass_user.groups_id = [Command.link(cls.bypass_group.id)]
        cls.activity_type = cls.env.ref("aftersales_approval.mail_activity_type_approval")

    def _repair(self, amount, user=None, **vals):
        """A paid repair whose charged total is exactly `amount` (one labour line)."""
        values = {
            "partner_id": self.customer.id,
            "product_id": self.product_unit.id,
            "service_category": "paid",
            "labour_ids": [
                Command.create(
                    {"product_id": self.product_labour.id, "hours": 1.0, "price_unit": amount}
                )
            ],
        }
        values.update(vals)
        repair = self.env["repair.order"].with_user(user or self.frontdesk).create(values)
        self.assertAlmostEqual(repair.approval_amount, amount, places=2)
        return repair

    def _approval_activities(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", self.activity_type.id),
            ]
        )

    def _isolate_rules(self, steps, document_type="repair_price"):
        """Archive the default rules of the type; one rule for any positive amount with the
        given steps [(group_user_role, mode), ...]."""
        self.Rule.search([("document_type", "=", document_type)]).active = False
        return self.Rule.create(
            {
                "name": "Test rule",
                "document_type": document_type,
                "amount_from": 0.0,
                "amount_from_included": False,
                "no_upper_limit": True,
                "step_ids": [
                    Command.create(
                        {"sequence": i, "group_id": self.env.ref(GROUP % role).id, "mode": mode}
                    )
                    for i, (role, mode) in enumerate(steps)
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestApprovalRules(ApprovalCommon):
    def test_default_repair_bands_exact_boundaries(self):
        """(readme/CONFIGURE.md, "Service price approval thresholds"): below 1,000 After-Sales
        Manager; 1,000 to 5,000 (both included) Sales VP; above 5,000 General Manager; the same
        bands for waivers; nothing for 0."""
        expected = [
            (0.0, None),
            (0.01, "manager"),
            (999.99, "manager"),
            (1000.0, "sales_vp"),
            (1000.01, "sales_vp"),
            (4999.99, "sales_vp"),
            (5000.0, "sales_vp"),
            (5000.01, "general_manager"),
            (250000.0, "general_manager"),
        ]
        for document_type in ("repair_price", "repair_waiver"):
            for amount, role in expected:
                with self.subTest(document_type=document_type, amount=amount):
                    rules = self.Rule._get_applicable_rules(document_type, amount, self.company)
                    if role is None:
                        self.assertFalse(rules)
                        continue
                    self.assertEqual(len(rules), 1)
                    self.assertEqual(rules.step_ids.group_id, self.env.ref(GROUP % role))

    def test_inclusive_exclusive_boundaries(self):
        """'up to 500' includes 500; 'above 2,000' starts after 2,000."""
        company = self.env["res.company"].create({"name": "Boundary Co"})
        # a new company starts with a copy of the default rules: test these bands alone
        self.Rule.search([("company_id", "=", company.id)]).unlink()
        head = self.env.ref(GROUP % "service_centre_head")
        quality = self.env.ref(GROUP % "quality_manager")
        supply = self.env.ref(GROUP % "supply_vp")

        def rule(name, low, high, group):
            return self.Rule.create(
                {
                    "name": name,
                    "company_id": company.id,
                    "document_type": "repair_waiver",
                    "amount_from": low,
                    "amount_from_included": False,
                    "amount_to": high or 0.0,
                    "amount_to_included": True,
                    "no_upper_limit": not high,
                    "step_ids": [Command.create({"group_id": group.id})],
                }
            )

        up_to_500 = rule("up to 500", 0.0, 500.0, head)
        up_to_2000 = rule("up to 2,000", 500.0, 2000.0, quality)
        above_2000 = rule("above 2,000", 2000.0, None, supply)
        for amount, expected in [
            (499.0, up_to_500),
            (500.0, up_to_500),
            (501.0, up_to_2000),
            (1999.0, up_to_2000),
            (2000.0, up_to_2000),
            (2001.0, above_2000),
        ]:
            with self.subTest(amount=amount):
                self.assertEqual(
                    self.Rule._get_applicable_rules("repair_waiver", amount, company), expected
                )
        self.assertEqual(above_2000.band_description[:1], ">")
        with self.assertRaises(ValidationError):
            rule("inverted", 300.0, 100.0, head)

    def test_condition_domain(self):
        """A rule's condition is a domain on the repair, evaluated with filtered_domain: the
        product's category (children included) and the requester's sales team."""
        team = self.env["crm.team"].create({"name": "Dealer desk"})
        child = self.env["product.category"].create(
            {"name": "Batteries", "parent_id": self.categ_part.id}
        )
        battery_unit = self.env["product.product"].create(
            {"name": "Battery pack", "categ_id": child.id}
        )
        rule = self.Rule.create(
            {
                "name": "Waivers on parts of the part category, dealer desk",
                "document_type": "repair_waiver",
                "amount_from": 0.0,
                "no_upper_limit": True,
                "domain": repr(
                    [
                        "|",
                        ("product_id.categ_id", "child_of", self.categ_part.ids),
                        ("move_ids.product_id.categ_id", "child_of", self.categ_part.ids),
                        ("approval_requester_id.sale_team_id", "in", team.ids),
                    ]
                ),
                "step_ids": [Command.create({"group_id": self.env.ref(GROUP % "supply_vp").id})],
            }
        )
        self.assertEqual(rule.res_model, "repair.order")
        battery = self._repair(100.0, product_id=battery_unit.id)
        forklift = self._repair(100.0)
        get = self.Rule.with_user(self.frontdesk)._get_applicable_rules
        # the requester (before a request: the current user) is not in the team yet
        self.assertNotIn(rule, get("repair_waiver", 10, self.company, document=battery))
        team.member_ids = [Command.link(self.frontdesk.id)]
        self.assertEqual(self.frontdesk.sale_team_id, team)
        self.assertEqual(battery.approval_requester_id, self.frontdesk)
        self.assertTrue(
            battery.filtered_domain([("product_id.categ_id", "child_of", self.categ_part.ids)])
        )
        self.assertTrue(
            battery.filtered_domain([("approval_requester_id.sale_team_id", "in", team.ids)])
        )
        self.assertIn(rule, get("repair_waiver", 10, self.company, document=battery))
        self.assertNotIn(rule, get("repair_waiver", 10, self.company, document=forklift))
        # a rule with a condition never applies without a document
        self.assertNotIn(rule, get("repair_waiver", 10, self.company))
        with self.assertRaises(ValidationError):
            rule.domain = "[('no_such_field', '=', 1)]"
        with self.assertRaises(ValidationError):
            rule.domain = "'not a domain'"

    def test_access_rules_configuration(self):
        """The manager edits the rules; other roles only read them; nobody writes reviews."""
        rule = self.env.ref("aftersales_repair.aftersales_approval_rule_repair_price_below_1000")
        rule.with_user(self.manager).amount_to = 1200.0
        self.assertTrue(rule.with_user(self.technician).name)
        with self.assertRaises(AccessError):
            rule.with_user(self.technician).amount_to = 800.0
        with self.assertRaises(AccessError):
            rule.with_user(self.frontdesk).copy()
        repair = self._repair(500.0)
        repair.with_user(self.frontdesk).action_request_approval()
        review = repair.approval_review_ids
        self.assertTrue(review.with_user(self.technician).name)
        with self.assertRaises(AccessError):
            review.with_user(self.manager).write({"status": "approved"})


@tagged("post_install", "-at_install")
class TestRepairPriceApproval(ApprovalCommon):
    def test_request_needs_exact_group_at_boundaries(self):
        """The group of the band, and only it (or a group implying it), can approve."""
        cases = [
            (999.99, self.manager, self.sales_vp),
            (1000.0, self.sales_vp, self.manager),
            (5000.0, self.sales_vp, self.manager),
            (5000.01, self.general_manager, self.sales_vp),
        ]
        for amount, approver, outsider in cases:
            with self.subTest(amount=amount):
                repair = self._repair(amount)
                self.assertEqual(repair.approval_state, "to_request")
                repair.with_user(self.frontdesk).action_request_approval()
                self.assertEqual(repair.approval_state, "pending")
                self.assertTrue(repair.with_user(approver).approval_needed_by_me)
                self.assertFalse(repair.with_user(outsider).approval_needed_by_me)
                with self.assertRaisesRegex(UserError, "not an approver"):
                    repair.with_user(outsider).action_approve()
                repair.with_user(approver).action_approve(comment="Price checked")
                self.assertEqual(repair.approval_state, "approved")
                review = repair.approval_review_ids
                self.assertEqual(review.done_by_id, approver)
                self.assertEqual(review.comment, "Price checked")
                self.assertAlmostEqual(review.amount, amount, places=2)

    def test_request_only_in_start_states_and_unlink(self):
        repair = self._repair(1500.0)
        self.assertEqual(repair.approval_summary, self.env.ref(GROUP % "sales_vp").name)
        repair.action_repair_cancel()
        with self.assertRaisesRegex(UserError, "can only be requested"):
            repair.with_user(self.frontdesk).action_request_approval()
        repair.action_repair_cancel_draft()
        repair.with_user(self.frontdesk).action_request_approval()
        reviews = repair.approval_review_ids
        self.assertTrue(self._approval_activities(repair))
        with self.assertRaisesRegex(UserError, "already waiting"):
            repair.with_user(self.frontdesk).action_request_approval()
        repair.unlink()
        self.assertFalse(reviews.exists())

    def test_cancel_withdraws_the_approval(self):
        """A cancelled repair leaves no review pending or waiting and no approval task open;
        set back to draft, its price is approved again."""
        self._isolate_rules([("manager", "sequential"), ("sales_vp", "sequential")])
        repair = self._repair(300.0)
        repair.with_user(self.frontdesk).action_request_approval()
        reviews = repair.approval_review_ids
        self.assertEqual(sorted(reviews.mapped("status")), ["pending", "waiting"])
        tasks = self._approval_activities(repair)
        self.assertTrue(tasks)
        repair.with_user(self.frontdesk).action_repair_cancel()
        self.assertEqual(repair.state, "cancel")
        self.assertEqual(reviews.mapped("status"), ["cancelled", "cancelled"])
        self.assertFalse(tasks.filtered("active"))
        self.assertFalse(self._approval_activities(repair))
        self.assertTrue(
            repair.message_ids.filtered(
                lambda m: "Approval withdrawn: the repair was cancelled." in m.body
            )
        )
        repair.with_user(self.frontdesk).action_repair_cancel_draft()
        self.assertEqual(repair.approval_state, "to_request")

    def test_free_repair_needs_no_approval(self):
        repair = self._repair(3000.0)
        repair.service_category = "free"
        self.assertEqual(repair.approval_amount, 0.0)
        self.assertEqual(repair.approval_state, "not_needed")
        self.assertTrue(repair._check_approved())

    def test_own_request_refused(self):
        repair = self._repair(400.0, user=self.manager)
        repair.with_user(self.manager).action_request_approval()
        self.assertFalse(repair.with_user(self.manager).approval_needed_by_me)
        with self.assertRaisesRegex(UserError, "your own request"):
            repair.with_user(self.manager).action_approve()
        repair.with_user(self.manager_2).action_approve()
        self.assertEqual(repair.approval_state, "approved")

    def test_approve_twice_refused(self):
        """A user approves one step of a rule once; an approved request is closed."""
        self._isolate_rules([("manager", "sequential"), ("manager", "sequential")])
        repair = self._repair(300.0)
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            repair.with_user(self.manager).action_approve()
        repair.with_user(self.manager_2).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        with self.assertRaisesRegex(UserError, "not waiting for approval"):
            repair.with_user(self.manager_2).action_approve()

    def test_approve_without_group_refused(self):
        repair = self._repair(999.99)
        repair.with_user(self.frontdesk).action_request_approval()
        for outsider in (self.technician, self.inspector, self.sales_vp, self.quality_manager):
            with self.subTest(user=outsider.login), self.assertRaises(UserError):
                repair.with_user(outsider).action_approve()
        self.assertEqual(repair.approval_state, "pending")
        self.assertFalse(repair.approval_review_ids.done_by_id)

    def test_reject_needs_reason_then_restart(self):
        repair = self._repair(2500.0)
        repair.with_user(self.frontdesk).action_request_approval()
        with self.assertRaisesRegex(UserError, "reason"):
            repair.with_user(self.sales_vp).action_reject("  ")
        action = repair.with_user(self.sales_vp).action_open_reject_wizard()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(self.sales_vp)
            .with_context(**action["context"])
        )
        wizard.reason = "Labour rate above the price list"
        wizard.save().action_reject()
        self.assertEqual(repair.approval_state, "rejected")
        review = repair.approval_review_ids
        self.assertEqual(review.status, "rejected")
        self.assertEqual(review.comment, "Labour rate above the price list")
        self.assertFalse(self._approval_activities(repair))
        todo = repair.activity_ids.filtered(lambda a: a.user_id == self.frontdesk)
        self.assertEqual(todo.note and "Labour rate" in todo.note, True)
        self.assertIn("Labour rate above the price list", repair.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "rejected"):
            repair._check_approved()
        repair.with_user(self.frontdesk).action_restart_approval()
        self.assertEqual(repair.approval_state, "to_request")
        self.assertEqual(review.status, "cancelled")
        repair.with_user(self.frontdesk).action_request_approval()
        self.assertEqual(repair.approval_state, "pending")
        self.assertEqual(len(repair.approval_review_ids), 2)

    def test_change_after_approval_resets(self):
        repair = self._repair(900.0)
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.manager).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        # Through the document: a new labour line supersedes the approval.
        repair.with_user(self.frontdesk).write(
            {
                "labour_ids": [
                    Command.create(
                        {"product_id": self.product_labour.id, "hours": 1.0, "price_unit": 200.0}
                    )
                ]
            }
        )
        self.assertEqual(repair.approval_state, "to_request")
        self.assertEqual(repair.approval_review_ids.status, "cancelled")
        self.assertIn("Approval reset", repair.message_ids[0].body)
        # The new total (1,100) is in the Sales VP band.
        repair.with_user(self.frontdesk).action_request_approval()
        current = repair.approval_review_ids.filtered(lambda r: r.status != "cancelled")
        self.assertEqual(current.group_id, self.env.ref(GROUP % "sales_vp"))
        repair.with_user(self.sales_vp).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        # Directly on a line: a higher price makes the approval stale.
        repair.labour_ids[0].price_unit = 1500.0
        self.assertEqual(repair.approval_state, "to_request")
        with self.assertRaisesRegex(UserError, "needs an approval"):
            repair._check_approved()

    def test_read_only_while_under_review(self):
        repair = self._repair(700.0)
        repair.with_user(self.frontdesk).action_request_approval()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            repair.with_user(self.frontdesk).write(
                {"waived_amount": 100.0, "waiver_reason": "Goodwill"}
            )
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            repair.with_user(self.frontdesk).write(
                {"labour_ids": [Command.update(repair.labour_ids.id, {"hours": 2.0})]}
            )
        # Other fields stay editable.
        repair.with_user(self.frontdesk).internal_notes = "Customer calls back at 3 pm"
        self.assertEqual(repair.approval_state, "pending")

    def test_bypass_recorded(self):
        repair = self._repair(8000.0)
        repair.with_user(self.frontdesk).action_request_approval()
        with self.assertRaises(UserError):
            repair.with_user(self.bypass_user).action_approve()
        settings = self.env["res.config.settings"].create(
            {"aftersales_approval_bypass_group_id": self.bypass_group.id}
        )
        settings.execute()
        self.assertEqual(self.company.aftersales_approval_bypass_group_id, self.bypass_group)
        self.assertTrue(repair.with_user(self.bypass_user).approval_can_review)
        self.assertFalse(repair.with_user(self.bypass_user).approval_needed_by_me)
        repair.with_user(self.bypass_user).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        review = repair.approval_review_ids
        self.assertTrue(review.is_bypass)
        self.assertEqual(review.done_by_id, self.bypass_user)
        self.assertEqual(review.group_id, self.env.ref(GROUP % "general_manager"))
        self.assertTrue(any("bypass" in body for body in repair.message_ids.mapped("body")))
        self.assertFalse(self._approval_activities(repair))

    def test_sequential_and_parallel_steps_with_activities(self):
        """Head and Quality Manager in parallel, then Service VP: activities follow the turn
        and are cleared on each decision."""
        self._isolate_rules(
            [
                ("service_centre_head", "sequential"),
                ("quality_manager", "parallel"),
                ("service_vp", "sequential"),
            ]
        )
        repair = self._repair(300.0)
        repair.with_user(self.frontdesk).action_request_approval()
        head, quality, vp = repair.approval_review_ids.sorted("sequence")
        self.assertEqual((head.status, quality.status, vp.status), ("pending",) * 2 + ("waiting",))
        users = self._approval_activities(repair).user_id
        self.assertIn(self.centre_head, users)
        self.assertIn(self.quality_manager, users)
        self.assertNotIn(self.service_vp, users)
        self.assertNotIn(self.frontdesk, users)
        self.assertFalse(repair.with_user(self.service_vp).approval_needed_by_me)
        with self.assertRaises(UserError):
            repair.with_user(self.service_vp).action_approve()

        repair.with_user(self.centre_head).action_approve()
        self.assertEqual(head.status, "approved")
        self.assertFalse(head.activity_ids.exists())
        self.assertEqual(vp.status, "waiting")
        self.assertNotIn(self.centre_head, self._approval_activities(repair).user_id)

        repair.with_user(self.quality_manager).action_approve()
        self.assertEqual(vp.status, "pending")
        self.assertIn(self.service_vp, self._approval_activities(repair).user_id)
        self.assertNotIn(self.quality_manager, self._approval_activities(repair).user_id)
        self.assertEqual(repair.approval_state, "pending")
        # The "To Approve" menu lists the Service VP's turn.
        to_approve = self.Review.with_user(self.service_vp).search([("is_my_turn", "=", True)])
        self.assertEqual(to_approve, vp)
        self.assertIn(
            repair,
            self.env["repair.order"]
            .with_user(self.service_vp)
            .search([("approval_needed_by_me", "=", True)]),
        )

        to_approve.with_user(self.service_vp).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        self.assertFalse(self._approval_activities(repair))
        self.assertEqual(
            self.env["repair.order"].search(
                [("approval_state", "=", "approved"), ("id", "=", repair.id)]
            ),
            repair,
        )

    def test_approval_task_in_the_approver_language(self):
        """Issue 18: each approver's task speaks the approver's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["aftersales_repair"], ["zh_CN"], overwrite=True
        )
        self.centre_head.lang = "zh_CN"
        self.quality_manager.lang = "en_US"
        self._isolate_rules(
            [("service_centre_head", "sequential"), ("quality_manager", "parallel")]
        )
        repair = self._repair(300.0)
        repair.with_user(self.frontdesk).action_request_approval()
        tasks = self._approval_activities(repair)
        chinese = tasks.filtered(lambda a: a.user_id == self.centre_head)
        english = tasks.filtered(lambda a: a.user_id == self.quality_manager)
        self.assertTrue(chinese.summary.startswith("批准："), chinese.summary)
        self.assertIn("需要您的审批", chinese.note)
        self.assertTrue(english.summary.startswith("Approve: "), english.summary)
        self.assertIn("needs your approval", english.note)

    def test_approvers_notified_once_and_tasks_kept_as_done(self):
        """The approvers whose turn comes get one chatter message addressed to all of them
        (no 'assigned to you' message per approver); a decision closes the approval tasks by
        archiving them as done, kept in the history."""
        self._isolate_rules(
            [("service_centre_head", "sequential"), ("quality_manager", "parallel")]
        )
        repair = self._repair(300.0)
        before = repair.message_ids
        repair.with_user(self.frontdesk).action_request_approval()
        new_messages = repair.message_ids - before
        request_message = new_messages.filtered(lambda m: "Approval requested" in m.body)
        self.assertEqual(len(request_message), 1)
        approvers = self._approval_activities(repair).user_id
        self.assertLessEqual(self.centre_head | self.quality_manager, approvers)
        self.assertNotIn(self.frontdesk, approvers)
        self.assertEqual(request_message.notified_partner_ids, approvers.partner_id)
        # the approvers follow the repair, as Odoo subscribes an activity's user (in one batch)
        self.assertLessEqual(approvers.partner_id, repair.message_partner_ids)
        self.assertFalse(
            new_messages.filtered(lambda m: "assigned to you" in (m.subject or "")),
            "no separate notification per activity",
        )

        repair.with_user(self.centre_head).action_approve()
        repair.with_user(self.quality_manager).action_approve()
        self.assertEqual(repair.approval_state, "approved")
        self.assertFalse(self._approval_activities(repair))
        done = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", repair._name),
                    ("res_id", "=", repair.id),
                    ("activity_type_id", "=", self.activity_type.id),
                ]
            )
        )
        self.assertEqual(done.user_id, approvers)
        self.assertFalse(any(done.mapped("active")))
        self.assertTrue(all(done.mapped("date_done")))
        # deleting the document deletes its approval tasks, done ones included
        repair.unlink()
        self.assertFalse(done.exists())

    def test_concurrent_parallel_approvals_both_recorded(self):
        """Two approvers deciding on the same request each write their own review row."""
        self._isolate_rules(
            [("service_centre_head", "sequential"), ("quality_manager", "parallel")]
        )
        repair = self._repair(300.0)
        repair.with_user(self.frontdesk).action_request_approval()
        first = repair.with_user(self.centre_head)
        second = repair.with_user(self.quality_manager)
        # Both read the request as pending before either decides.
        self.assertTrue(first.approval_can_review and second.approval_can_review)
        first.action_approve()
        second.action_approve()
        reviews = repair.approval_review_ids
        self.assertEqual(set(reviews.mapped("status")), {"approved"})
        self.assertEqual(reviews.done_by_id, self.centre_head | self.quality_manager)
        self.assertEqual(repair.approval_state, "approved")
        self.assertEqual(repair.approval_request_state, "approved")

    def test_quotation_blocked_until_price_approved(self):
        repair = self._repair(950.0)
        with self.assertRaisesRegex(UserError, "needs an approval"):
            repair.with_user(self.frontdesk).action_send_quotation()
        repair.with_user(self.frontdesk).action_request_approval()
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            repair.with_user(self.frontdesk).action_send_quotation()
        repair.with_user(self.manager).action_approve()
        action = repair.with_user(self.frontdesk).action_send_quotation()
        self.assertEqual(action["res_model"], "mail.compose.message")

    def test_sale_order_quotation_blocked_until_approved(self):
        repair = self._repair(1200.0)
        repair.action_create_sale_order()
        with self.assertRaisesRegex(UserError, "needs an approval"):
            repair.sale_order_id.action_quotation_send()
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.sales_vp).action_approve()
        self.assertTrue(repair.sale_order_id.action_quotation_send())

    def test_waiver_needs_level_of_waived_amount(self):
        """A 3,000 repair (Sales VP) with 900 waived (below 1,000: After-Sales Manager) needs
        both; a waiver of 1,000 is in the Sales VP band, approved with the price in one go."""
        repair = self._repair(3000.0)
        with self.assertRaises(ValidationError):
            repair.waived_amount = 900.0
        repair.write({"waived_amount": 900.0, "waiver_reason": "Long-standing customer"})
        repair.with_user(self.frontdesk).action_request_approval()
        reviews = repair.approval_review_ids
        self.assertEqual(
            {(r.document_type, r.group_id) for r in reviews},
            {
                ("repair_price", self.env.ref(GROUP % "sales_vp")),
                ("repair_waiver", self.env.ref(GROUP % "manager")),
            },
        )
        repair.with_user(self.sales_vp).action_approve()
        self.assertEqual(repair.approval_state, "pending")
        self.assertEqual(repair.approval_summary, self.env.ref(GROUP % "manager").name)
        repair.with_user(self.manager).action_approve()
        self.assertEqual(repair.approval_state, "approved")

        repair.with_user(self.frontdesk).write({"waived_amount": 1000.0})
        self.assertEqual(repair.approval_state, "to_request")
        repair.with_user(self.frontdesk).action_request_approval()
        repair.with_user(self.sales_vp).action_approve()
        current = repair.approval_review_ids.filtered(lambda r: r.status != "cancelled")
        self.assertEqual(len(current), 2)
        self.assertEqual(current.done_by_id, self.sales_vp)
        self.assertEqual(repair.approval_state, "approved")

    def test_waiver_through_the_form(self):
        """The front desk enters a waiver on the repair form; it is read-only while the
        request waits for approval."""
        repair = self._repair(600.0)
        with Form(repair.with_user(self.frontdesk)) as form:
            form.waived_amount = 600.0
            form.waiver_reason = "Unit still in the dealer's goodwill period"
        # price 600 and waiver 600: both in the After-Sales Manager band
        manager = self.env.ref(GROUP % "manager").name
        self.assertEqual(repair.approval_summary, f"{manager}, {manager}")
        repair.with_user(self.frontdesk).action_request_approval()
        form = Form(repair.with_user(self.frontdesk))
        with self.assertRaises(AssertionError):
            form.waived_amount = 10.0
