# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class AftersalesCommon(TransactionCase):
    """Base class of the suite's tests: a company's after-sales desk with one user per role,
    a serial-tracked product with parts, and a customer. Relies on no demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # the regulation rules that add a step to a flow (remote attempt before an on-site trip,
        # self-check and team-lead check before the final inspection, the manager's approval of
        # parts for a trip or posted) are on by default; the
        # flows tested elsewhere skip them, the rules have their own test classes
        # (test_repair_rules.py)
        cls.company.write(
            {
                "aftersales_remote_first": False,
                "aftersales_pre_inspection_checks": False,
                "aftersales_requisition_approval": False,
            }
        )
        cls.stock_location = cls.env.ref("stock.warehouse0").lot_stock_id
        cls.frontdesk = new_test_user(
            cls.env, login="as_frontdesk", groups="aftersales_repair.aftersales_group_user"
        )
        cls.technician = new_test_user(
            cls.env, login="as_technician", groups="aftersales_repair.aftersales_group_technician"
        )
        cls.technician_2 = new_test_user(
            cls.env, login="as_technician2", groups="aftersales_repair.aftersales_group_technician"
        )
        cls.inspector = new_test_user(
            cls.env,
            login="as_inspector",
            groups="aftersales_repair.aftersales_group_quality_inspector",
        )
        cls.manager = new_test_user(
            cls.env, login="as_manager", groups="aftersales_repair.aftersales_group_manager"
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Harbour Logistics Test", "email": "fleet@harbour.example.com"}
        )
        cls.categ_unit = cls.env["product.category"].create({"name": "Test Forklifts"})
        cls.categ_part = cls.env["product.category"].create({"name": "Test Forklift Parts"})
        cls.product_unit = cls.env["product.product"].create(
            {
                "name": "Test Forklift EF-25",
                "type": "consu",
                "is_storable": True,
                "tracking": "serial",
                "categ_id": cls.categ_unit.id,
                "list_price": 28500.0,
                "standard_price": 19800.0,
            }
        )
        cls.part_battery = cls._create_part("Test Battery 48 V", 4200.0, 3100.0)
        cls.part_controller = cls._create_part("Test Controller MC-400", 960.0, 610.0)
        cls.product_labour = cls.env["product.product"].create(
            {
                "name": "Test Repair Labour",
                "type": "service",
                "list_price": 65.0,
                "standard_price": 38.0,
            }
        )

    @classmethod
    def _create_part(cls, name, price, cost, qty=10.0):
        part = cls.env["product.product"].create(
            {
                "name": name,
                "type": "consu",
                "is_storable": True,
                "categ_id": cls.categ_part.id,
                "list_price": price,
                "standard_price": cost,
            }
        )
        if qty:
            cls.env["stock.quant"]._update_available_quantity(part, cls.stock_location, qty)
        return part

    @classmethod
    def _create_serial(cls, name, product=None, owner=None, in_stock=True):
        """A serial of a customer's unit; in_stock puts the unit in the workshop (owned by
        the customer) as Odoo's repair flow expects when the unit is repaired in-shop."""
        product = product or cls.product_unit
        lot = cls.env["stock.lot"].create({"name": name, "product_id": product.id})
        if in_stock:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.stock_location, 1.0, lot_id=lot, owner_id=owner or cls.customer
            )
        return lot
