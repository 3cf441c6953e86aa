# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged

from .trust_common import TrustCommon

G = "aftersales_repair.aftersales_group_"

# The roles of the suite (security/*.xml), each a user with the lowest groups of the role,
# plus portal, public and a manager of another company.
ROLES = {
    "technician": G + "technician",
    "front_desk": G + "user",
    "inspector": G + "quality_inspector",
    "warehouse": "stock.group_stock_user",
    "accountant": "account.group_account_invoice",
    "manager": G + "manager",
    "centre_head": G + "service_centre_head",
    "quality_mgr": G + "quality_manager",
    "service_vp": G + "service_vp",
    "supply_vp": G + "supply_vp",
    "sales_vp": G + "sales_vp",
    "deputy_gm": G + "deputy_gm",
    "general_mgr": G + "general_manager",
    "admin": "base.group_system," + G + "general_manager",
    "portal": "base.group_portal",
    "public": "base.group_public",
    "other_company": G + "manager",
}
OPERATIONS = ("read", "write", "create", "unlink")

# fmt: off
# Each cell: r/w/c/u when the role may read/write/create/unlink a record of the model of its
# company that it neither created nor is assigned to, "-" when refused (ACL or record rule;
# "c" means the role may create such a record: the create rules are checked on it). Reports
# (SQL views) have their ACL and company rule checked.
# Columns in the order of ROLES:
#  technician front_desk inspector warehouse accountant manager centre_head quality_mgr
#  service_vp supply_vp sales_vp deputy_gm general_mgr admin portal public other_company
#        tech desk insp ware acct mngr head qmgr svp  supv salv dgm  gm   admn prtl publ othr
MATRIX = {
    "aftersales.approval.review":
        "r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ----",
    "aftersales.approval.rule":
        "r--- r--- r--- r--- r--- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.approval.rule.step":
        "r--- r--- r--- r--- r--- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.callback":
        "---- ---- ---- ---- ---- rwcu rwcu ---- rwcu ---- ---- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.callback.plan":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.callback.plan.step":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.complaint":
        "---- ---- ---- ---- ---- rwcu rwcu ---- rwcu ---- ---- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.complaint.route":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.dealer.unit.registration":
        "---- r--- ---- ---- ---- rw-- rw-- r--- rw-- r--- r--- rw-- rw-- rw-- ---- ---- ----",
    "aftersales.dispatch":
        "---- rwc- r--- ---- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.failure.report":
        "rwc- r--- rwc- ---- ---- rwcu rwcu rwc- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.fault.code":
        "r--- r--- r--- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.feedback.request":
        "---- rwc- ---- ---- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.kb.solution":
        "--c- ---- --c- ---- ---- rwcu rwcu ---- rwcu ---- ---- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.loan":
        "r--- rwc- r--- ---- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.part.reliability":
        "r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ----",
    "aftersales.part.return":
        "rwc- rwc- rwc- rwc- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.recall.campaign":
        "r--- r--- r--- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.recall.unit":
        "r--- rw-- r--- ---- ---- rwcu rwcu rw-- rwcu rw-- rw-- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.repair.check":
        "r-c- r--- r-c- ---- ---- r-c- r-c- r-c- r-c- r--- r--- r-c- r-c- r-c- ---- ---- ----",
    "aftersales.repair.collection":
        "---- rwc- rwc- ---- rw-- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.repair.inspection":
        "r--- r--- r--- ---- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ----",
    "aftersales.repair.intake.item":
        "---- rwcu r--- ---- ---- rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- ---- ----",
    "aftersales.repair.labour":
        "---- rwcu r--- ---- r--- rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- ---- ----",
    "aftersales.repair.old.part":
        "---- rwcu r--- ---- r--- rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- ---- ----",
    "aftersales.service.centre":
        "r--- r--- r--- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.sla.deadline":
        "r--- r--- r--- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.sla.policy":
        "r--- r--- r--- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.supplier.claim":
        "r--- r--- rwc- r--- ---- rwcu rwcu rwc- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.survey.campaign":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.survey.campaign.action":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.survey.campaign.item":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.survey.campaign.result":
        "---- r--- ---- ---- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.technician.rating.report":
        "---- ---- ---- ---- ---- r--- r--- ---- r--- ---- ---- r--- r--- r--- ---- ---- ----",
    "aftersales.warranty":
        "r--- r--- r--- r--- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.contract":
        "r--- rwc- r--- r--- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.cost.report":
        "---- ---- ---- ---- ---- r--- r--- ---- r--- ---- ---- r--- r--- r--- ---- ---- ----",
    "aftersales.warranty.forecast":
        "r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- r--- ---- ---- ----",
    "aftersales.warranty.line":
        "r--- r--- r--- r--- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.part.request":
        "---- rwc- rw-- rw-- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.part.request.line":
        "---- rwcu r--- r--- ---- rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.policy":
        "r--- r--- r--- r--- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.policy.line":
        "r--- r--- r--- r--- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.promotion":
        "r--- r--- r--- r--- ---- rwcu rwcu r--- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.warranty.provision":
        "---- ---- ---- ---- r--- r--- r--- ---- r--- ---- ---- r--- r--- r--- ---- ---- ----",
    "aftersales.warranty.usage":
        "rwc- rwc- rwc- r--- ---- rwcu rwcu rwc- rwcu rwc- rwc- rwcu rwcu rwcu ---- ---- ----",
    "aftersales.work.log":
        "---- r--- ---- ---- ---- rwcu rwcu ---- rwcu r--- r--- rwcu rwcu rwcu ---- ---- ----",
}
# fmt: on


@tagged("post_install", "-at_install")
class TestAccessMatrix(TrustCommon):
    """Issue 14 test (a): every model of the suite x every role x read/write/create/unlink."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {}
        for role, groups in ROLES.items():
            extra = {}
            if role == "other_company":
                extra = {"company_id": cls.company_b.id, "company_ids": [cls.company_b.id]}
            cls.role_users[role] = new_test_user(
                cls.env, login=f"matrix_{role}", groups=groups, **extra
            )
        cls._create_samples()

    @classmethod
    def _create_samples(cls):
        """One record of each model in the company, owned by technician_2 (not a role user)."""
        env = cls.env
        theirs = cls._create_repair(user_id=cls.technician_2.id, parts=[])
        env["aftersales.repair.labour"].create(
            {
                "repair_id": theirs.id,
                "product_id": cls.product_labour.id,
                "hours": 1.0,
                "technician_id": cls.technician_2.id,
            }
        )
        env["aftersales.repair.intake.item"].create({"repair_id": theirs.id, "name": "Key"})
        env["aftersales.dispatch"].create(
            {
                "repair_id": theirs.id,
                "technician_ids": [(6, 0, cls.technician_2.ids)],
                "planned_start": "2026-03-02 09:00:00",
                "planned_end": "2026-03-02 11:00:00",
            }
        )
        env["aftersales.work.log"].create(
            {
                "technician_id": cls.technician_2.id,
                "repair_id": theirs.id,
                "date": "2026-03-02",
                "hours": 1.0,
            }
        )
        env["aftersales.repair.old.part"].create(
            {"repair_id": theirs.id, "product_id": cls.part_battery.id}
        )
        env["aftersales.repair.collection"].create(
            {
                "repair_id": theirs.id,
                "technician_id": cls.technician_2.id,
                "amount": 10.0,
                "name": "MATRIX-1",
                "method": "cash",
            }
        )
        loan_lot = env["stock.lot"].create(
            {"name": "MATRIX-LOAN", "product_id": cls.product_unit.id}
        )
        env["stock.quant"]._update_available_quantity(
            cls.product_unit, cls.stock_location, 1.0, lot_id=loan_lot
        )
        env["aftersales.loan"].create(
            {
                "repair_id": theirs.id,
                "lot_id": loan_lot.id,
                "product_id": cls.product_unit.id,
                "expected_return_date": "2026-04-01",
            }
        )
        code = env["aftersales.fault.code"].create(
            {"name": "Matrix fault", "code": "MX-1", "company_id": cls.company.id}
        )
        env["aftersales.complaint.route"].create(
            {"category": "product_quality", "company_id": cls.company.id}
        )
        env["aftersales.kb.solution"].create({"name": "Matrix solution", "fault_code_id": code.id})
        env["aftersales.service.centre"].create({"name": "Matrix centre"})
        complaint = cls._complaint(cls, user_id=cls.technician_2.id)
        callback = env["aftersales.callback"].create(
            {
                "name": "Matrix call",
                "source_key": "matrix-1",
                "plan_id": env["aftersales.callback.plan"]
                .create({"name": "Matrix plan", "company_id": cls.company.id})
                .id,
                "trigger": "delivery",
                "partner_id": cls.customer.id,
                "due_date": "2026-01-10 10:00:00",
                "call_at": "2026-01-10 10:00:00",
                "user_id": cls.technician_2.id,
                "complaint_id": complaint.id,
            }
        )
        env["aftersales.callback.plan.step"].create({"plan_id": callback.plan_id.id})
        campaign = env["aftersales.survey.campaign"].create({"name": "Matrix campaign"})
        env["aftersales.survey.campaign.result"].create(
            {"campaign_id": campaign.id, "partner_id": cls.customer.id}
        )
        env["aftersales.survey.campaign.action"].create(
            {"campaign_id": campaign.id, "name": "Matrix action", "item": "price"}
        )
        env["aftersales.warranty.promotion"].create(
            {
                "policy_id": cls.policy.id,
                "name": "Matrix promotion",
                "date_from": "2026-01-01",
                "date_to": "2026-12-31",
            }
        )
        env["aftersales.warranty.contract"].create(
            {"partner_id": cls.customer.id, "date_end": "2099-12-31"}
        )
        env["aftersales.warranty.usage"].create(
            {"lot_id": cls.lot_sold.id, "reading": 10.0, "date": "2026-01-01"}
        )
        request = env["aftersales.warranty.part.request"].create(
            {
                "technician_id": cls.technician_2.id,
                "lot_id": cls.serial.id,
                "line_ids": [(0, 0, {"product_id": cls.part_seal.id, "quantity": 1.0})],
            }
        )
        request.action_submit()
        env["aftersales.supplier.claim"].create(
            {"partner_id": cls.vendor.id, "product_id": cls.part_seal.id}
        )
        cls._create_optional_samples()

    @classmethod
    def _create_optional_samples(cls):
        """Records of the models of the suite's optional add-ons, when they are installed
        (this add-on does not depend on them; their rows apply only where they are)."""
        env = cls.env
        if "aftersales.repair.check" in env:
            checked = env["repair.order"].create(
                {
                    "partner_id": cls.customer.id,
                    "product_id": cls.product_unit.id,
                    "lot_id": cls._create_serial("MATRIX-CHECK-1").id,
                    "user_id": cls.technician_2.id,
                    "service_category": "free",
                }
            )
            checked.action_validate()
            checked.with_user(cls.technician_2).action_repair_start()
            env["aftersales.repair.check"].with_user(cls.technician_2).create(
                {"repair_id": checked.id, "check_type": "self"}
            )
        if "aftersales.recall.campaign" in env:
            campaign = env["aftersales.recall.campaign"].create(
                {
                    "title": "Matrix recall",
                    "product_id": cls.product_unit.id,
                    "reason": "Matrix reason",
                    "remedy": "Matrix remedy",
                }
            )
            env["aftersales.recall.unit"].create(
                {
                    "campaign_id": campaign.id,
                    "lot_id": cls.serial.id,
                    "partner_id": cls.customer.id,
                }
            )
        if "aftersales.dealer.unit.registration" in env:
            dealer = env["res.partner"].create(
                {"name": "Matrix Dealer", "is_company": True, "aftersales_is_dealer": True}
            )
            env["aftersales.dealer.unit.registration"].create(
                {
                    "dealer_id": dealer.id,
                    "serial": "MATRIX-DEALER-1",
                    "customer_name": "Matrix Dealer Customer",
                    "delivery_date": "2026-01-15",
                }
            )
        if "aftersales.part.reliability" in env:
            env["aftersales.part.reliability"].create(
                {"company_id": cls.company.id, "part_id": cls.part_seal.id}
            )
            env["aftersales.warranty.forecast"].create(
                {
                    "company_id": cls.company.id,
                    "date": "2026-02-01",
                    "product_id": cls.product_unit.id,
                    "part_id": cls.part_seal.id,
                }
            )
            env["aftersales.warranty.provision"].create(
                {
                    "company_id": cls.company.id,
                    "date_from": "2026-01-01",
                    "date_to": "2026-01-31",
                }
            )

    @classmethod
    def _suite_models(cls):
        """Every model the suite defines (not only extends), transient wizards excluded: a
        wizard holds no record a company relies on and each is created per user."""
        modules = set(
            cls.env["ir.module.module"].search([("name", "=like", "aftersales_%")]).mapped("name")
        )
        names = []
        for model in cls.env["ir.model"].search([("transient", "=", False)]):
            Model = cls.env.get(model.model)
            if Model is None or Model._abstract:
                continue
            if Model._original_module in modules:
                names.append(model.model)
        return sorted(names)

    def _sample(self, model):
        Model = self.env[model]
        if not Model._auto:
            return Model  # a report (SQL view): its ACL and its company rule
        if "company_id" in Model._fields:
            # a record of the company first (shared records have no company)
            return Model.search([("company_id", "=", self.company.id)], limit=1) or Model.search(
                [("company_id", "=", False)], limit=1
            )
        return Model.search([], order="id desc", limit=1)

    def _cell(self, sample, user):
        record = sample.with_user(user)
        if not sample._auto and "company_id" in sample._fields:
            # a report has no record to try: its company rule keeps other companies out
            if self.company not in user.company_ids:
                return "----"
        return "".join(op[0] if record.has_access(op) else "-" for op in OPERATIONS)

    def test_access_matrix(self):
        self._issued_request()  # a part return
        models = self._suite_models()
        unlisted = [model for model in models if model not in MATRIX]
        self.assertFalse(
            unlisted,
            "These models of the suite have no row in the access matrix of "
            f"{__name__}: {', '.join(unlisted)}. Add a row per model (and a sample record in "
            "_create_samples) with the expected access of every role.",
        )
        self.assertFalse(
            # a row of an optional add-on that is not installed is not checked
            [model for model in MATRIX if model not in models and model in self.env],
            "The access matrix lists models the suite no longer defines.",
        )
        wrong = []
        for model in models:
            sample = self._sample(model)
            self.assertTrue(
                sample or not sample._auto,
                f"No record of {model} to try: create one in _create_samples.",
            )
            expected = dict(zip(ROLES, MATRIX[model].split(), strict=True))
            for role, user in self.role_users.items():
                cell = self._cell(sample, user)
                if cell != expected[role]:
                    wrong.append(f"{model} x {role}: expected {expected[role]}, got {cell}")
        self.assertFalse(wrong, "Access differs from the matrix:\n" + "\n".join(wrong))
