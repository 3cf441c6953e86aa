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
# company that it neither created nor is assigned to, "-" when refused (ACL or record rule).
# Columns in the order of ROLES:
#  technician front_desk inspector warehouse accountant manager centre_head quality_mgr
#  service_vp supply_vp sales_vp deputy_gm general_mgr admin portal public other_company
MATRIX = {
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
            {"repair_id": theirs.id, "lot_id": loan_lot.id, "product_id": cls.product_unit.id}
        )
        code = env["aftersales.fault.code"].create({"name": "Matrix fault", "code": "MX-1"})
        env["aftersales.kb.solution"].create({"name": "Matrix solution", "fault_code_id": code.id})
        env["aftersales.service.centre"].create({"name": "Matrix centre"})
        complaint = cls._complaint(cls, user_id=cls.technician_2.id)
        env["aftersales.callback"].create(
            {
                "name": "Matrix call",
                "source_key": "matrix-1",
                "plan_id": env["aftersales.callback.plan"].search([], limit=1).id
                or env["aftersales.callback.plan"].create({"name": "Matrix plan"}).id,
                "trigger": "delivery",
                "partner_id": cls.customer.id,
                "due_date": "2026-01-10 10:00:00",
                "call_at": "2026-01-10 10:00:00",
                "user_id": cls.technician_2.id,
                "complaint_id": complaint.id,
            }
        )
        campaign = env["aftersales.survey.campaign"].create({"name": "Matrix campaign"})
        env["aftersales.survey.campaign.result"].create({"campaign_id": campaign.id})
        env["aftersales.survey.campaign.action"].create(
            {"campaign_id": campaign.id, "name": "Matrix action"}
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
        cls._issued_request(cls)  # its part return
        env["aftersales.supplier.claim"].create(
            {"partner_id": cls.vendor.id, "product_id": cls.part_seal.id}
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
            return Model  # a report (SQL view): its ACL only
        domain = []
        if "company_id" in Model._fields:
            domain = [("company_id", "in", [self.company.id, False])]
        return Model.search(domain, limit=1)

    def test_access_matrix(self):
        actual = {}
        missing = []
        for model in self._suite_models():
            sample = self._sample(model)
            if not sample and sample._auto:
                missing.append(model)
                continue
            cells = []
            for role, user in self.role_users.items():
                record = sample.with_user(user)
                cells.append("".join(op[0] if record.has_access(op) else "-" for op in OPERATIONS))
            actual[model] = " ".join(cells)
        lines = [f'    "{m}": "{row}",' for m, row in actual.items()]
        self.fail("\n".join(lines) + f"\nMISSING {missing}")
