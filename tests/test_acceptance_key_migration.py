"""aftersales_repair 18.0.1.3.0: the customer's acceptance is stored as 'accepted' (was
'approved'); the migration converts the saved filters, actions and views that compare the field
with the old key, and leaves the internal approvals' 'approved' alone."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location(
    "acceptance_key_migration",
    ROOT / "addons" / "aftersales_repair" / "migrations" / "18.0.1.3.0" / "pre-migrate.py",
)
migration = importlib.util.module_from_spec(spec)
spec.loader.exec_module(migration)


@pytest.mark.parametrize(
    "old, new",
    [
        (
            "[('customer_acceptance_state', '=', 'approved'), ('approval_state', '=', "
            "'approved')]",
            "[('customer_acceptance_state', '=', 'accepted'), ('approval_state', '=', "
            "'approved')]",
        ),
        (
            '[("customer_acceptance_state", "in", ["approved", "pending"])]',
            '[("customer_acceptance_state", "in", ["accepted", "pending"])]',
        ),
        (
            "{'default_customer_acceptance_state': 'approved', 'default_approval_state': "
            "'approved'}",
            "{'default_customer_acceptance_state': 'accepted', 'default_approval_state': "
            "'approved'}",
        ),
        (
            "<field decoration-success=\"customer_acceptance_state == 'approved'\" "
            "decoration-info=\"approval_state == 'approved'\"/>",
            "<field decoration-success=\"customer_acceptance_state == 'accepted'\" "
            "decoration-info=\"approval_state == 'approved'\"/>",
        ),
        (
            "record.customer_acceptance_state.raw_value not in ('approved', 'rejected')",
            "record.customer_acceptance_state.raw_value not in ('accepted', 'rejected')",
        ),
    ],
)
def test_the_customer_acceptance_key_is_renamed(old, new):
    assert migration.convert_text(old) == new


@pytest.mark.parametrize(
    "text",
    [
        "[('approval_state', '=', 'approved')]",
        "[('customer_acceptance_state', '=', 'pending'), ('state', '=', 'approved')]",
        "",
        None,
    ],
)
def test_other_approved_values_stay(text):
    assert migration.convert_text(text) == text
