# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import RmaCommon


@tagged("post_install", "-at_install")
class TestRecallCampaign(RmaCommon):
    """Issue 19 point 2: a recall campaign traced through the sold-units register, notices in
    the owners' languages, repairs in bulk, progress."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("es_ES")
        cls.other_customer.write({"lang": "es_ES", "email": "flota@otro.example.com"})
        cls.lot_1 = cls._deliver("RC-0001", "2026-02-01 10:00:00")
        cls.lot_2 = cls._deliver("RC-0002", "2026-02-02 10:00:00")
        cls.lot_3 = cls._deliver("RC-0003", "2026-02-03 10:00:00", partner=cls.other_customer)
        cls.lot_unsold = cls.env["stock.lot"].create(
            {"name": "RC-0004", "product_id": cls.product_unit.id}
        )
        cls.lot_longer = cls._deliver("RC-00010", "2026-02-04 10:00:00")

    def _campaign(self, **vals):
        return (
            self.env["aftersales.recall.campaign"]
            .with_user(self.manager)
            .create(
                dict(
                    {
                        "title": "Brake hose check",
                        "product_id": self.product_unit.id,
                        "selection_mode": "range",
                        "serial_from": "RC-0001",
                        "serial_to": "RC-0004",
                        "reason": "The brake hose may chafe on the mast.",
                        "remedy": "We fit a new hose and a guard.",
                    },
                    **vals,
                )
            )
        )

    def test_range_traces_the_serials_to_their_owners(self):
        campaign = self._campaign()
        self.assertTrue(campaign.name.startswith("RCL/"))
        campaign.action_start()
        self.assertEqual(campaign.state, "running")
        units = campaign.unit_ids
        self.assertEqual(units.lot_id, self.lot_1 | self.lot_2 | self.lot_3)
        self.assertEqual(
            units.filtered(lambda u: u.lot_id == self.lot_3).partner_id, self.other_customer
        )
        self.assertEqual(units.warranty_id, units.lot_id.warranty_id)
        self.assertEqual(set(units.mapped("status")), {"pending"})
        self.assertEqual((campaign.unit_count, campaign.pending_count), (3, 3))
        self.assertIn("RC-0004", campaign.message_ids[0].body, "the unsold serial is listed")
        # by list
        listed = self._campaign(selection_mode="list", lot_ids=[(6, 0, self.lot_2.ids)])
        listed.action_start()
        self.assertEqual(listed.unit_ids.lot_id, self.lot_2)
        with self.assertRaisesRegex(ValidationError, "not valid"):
            self._campaign(serial_to="RC-00005")
        with self.assertRaisesRegex(UserError, "No serial"):
            self._campaign(serial_from="RC-0100", serial_to="RC-0200").action_start()

    def test_notice_in_the_owners_language_with_a_link(self):
        template = self.env.ref("aftersales_rma.mail_template_recall_notice")
        template.with_context(
            lang="es_ES"
        ).subject = "Llamada a revisión de su {{ object.product_id.name }}"
        campaign = self._campaign()
        campaign.action_start()
        campaign.with_user(self.frontdesk).action_notify()
        units = campaign.unit_ids
        self.assertEqual(set(units.mapped("status")), {"notified"})
        self.assertEqual(campaign.notified_count, 3)
        mails = self.env["mail.mail"].search(
            [("model", "=", "aftersales.recall.unit"), ("res_id", "in", units.ids)]
        )
        self.assertEqual(len(mails), 3)
        for unit in units:
            mail = mails.filtered(lambda m, u=unit: m.res_id == u.id)
            self.assertEqual(mail.recipient_ids, unit.partner_id)
            self.assertIn(unit.get_public_url(), mail.body_html)
            if unit.partner_id == self.other_customer:
                self.assertEqual(mail.subject, "Llamada a revisión de su Test Forklift EF-25")
            else:
                self.assertEqual(
                    mail.subject,
                    "Recall of your Test Forklift EF-25 (serial %s)" % (unit.lot_id.name),
                )

    def test_repairs_in_bulk_and_progress(self):
        campaign = self._campaign()
        campaign.action_start()
        unit_1, unit_2, unit_3 = campaign.unit_ids.sorted(lambda u: u.lot_id.name)
        campaign.with_user(self.frontdesk).action_notify()
        unit_2.with_user(self.frontdesk).action_mark_booked()
        unit_3.with_user(self.frontdesk).action_mark_refused()
        self.assertEqual(unit_2.status, "booked")
        self.assertTrue(unit_2.date_booked)
        campaign.with_user(self.frontdesk).action_create_repairs()
        repairs = (unit_1 | unit_2).repair_id
        self.assertEqual(len(repairs), 2)
        self.assertFalse(unit_3.repair_id)
        self.assertTrue(all(repairs.mapped("under_warranty")))
        self.assertEqual(repairs.aftersales_recall_unit_id, unit_1 | unit_2)
        self.assertEqual(campaign.repair_count, 2)
        self.assertAlmostEqual(campaign.progress, 100.0 / 3, places=2)
        with self.assertRaisesRegex(UserError, "No notified or booked unit"):
            campaign.with_user(self.frontdesk).action_create_repairs()
        # the technician finishes one repair; the inspector passes it: the unit is repaired
        repair = unit_1.repair_id
        if "service_category" in repair._fields:
            repair.service_category = "internal"
        repair.action_validate()
        repair.action_repair_start()
        repair.action_repair_end()
        if repair.state == "inspection":
            repair.with_user(self.inspector).action_inspection_pass()
        self.assertEqual(repair.state, "done")
        self.assertEqual(unit_1.status, "repaired")
        self.assertEqual((campaign.repaired_count, campaign.refused_count), (1, 1))
        self.assertAlmostEqual(campaign.progress, 200.0 / 3, places=2)
        with self.assertRaisesRegex(UserError, "closed"):
            unit_1.with_user(self.frontdesk).action_mark_refused()

    def test_statuses_are_owned_by_the_recall(self):
        campaign = self._campaign()
        campaign.action_start()
        unit = campaign.unit_ids[:1]
        with self.assertRaisesRegex(UserError, "set by the recall itself"):
            unit.with_user(self.frontdesk).write({"status": "repaired"})
        with self.assertRaisesRegex(UserError, "buttons only"):
            campaign.with_user(self.manager).write({"state": "draft"})
        with self.assertRaises(AccessError):
            campaign.with_user(self.frontdesk).write({"title": "Changed"})
        with self.assertRaisesRegex(UserError, "kept as evidence"):
            campaign.with_user(self.manager).unlink()

    def test_other_company_does_not_see_the_recall(self):
        campaign = self._campaign()
        campaign.action_start()
        other = self.env["res.company"].create({"name": "Recall Other Co"})
        outsider = new_test_user(
            self.env,
            login="as_recall_outsider",
            groups="aftersales_repair.aftersales_group_manager",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        Campaign = self.env["aftersales.recall.campaign"].with_user(outsider)
        self.assertFalse(Campaign.search([("id", "=", campaign.id)]))
        self.assertFalse(
            self.env["aftersales.recall.unit"]
            .with_user(outsider)
            .search([("campaign_id", "=", campaign.id)])
        )

    def test_blank_title_reason_remedy_refused(self):
        """Issue 14 point 4: a campaign's title, reason and remedy are refused blank."""
        with self.assertRaisesRegex(ValidationError, "cannot be blank"), self.env.cr.savepoint():
            self._campaign(title="   ")
        campaign = self._campaign()
        for field in ("reason", "remedy"):
            with (
                self.assertRaisesRegex(ValidationError, "cannot be blank"),
                self.env.cr.savepoint(),
            ):
                campaign.with_user(self.manager).write({field: " \n "})
        self.env.invalidate_all()  # read what the database kept
        self.assertEqual(campaign.remedy, "We fit a new hose and a guard.")
