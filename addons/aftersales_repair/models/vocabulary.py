# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The suite's one vocabulary: intake channels, service modes and categories, causes.

Selection values shared by the add-ons, imported from here by every model that offers them.
The labels are translated as the selection labels of the fields that use them."""

INTAKE_CHANNELS = [
    ("phone", "Phone"),
    ("walk_in", "Walk-in"),
    ("email", "Email"),
    ("portal", "Portal"),
    ("dealer", "Dealer"),
]
SERVICE_MODES = [
    ("in_shop", "In-shop"),
    ("on_site", "On-site"),
    ("factory_return", "Returned to the Factory"),
    ("remote", "Phone/Remote Guidance"),
]
SERVICE_CATEGORIES = [
    ("free", "Free (in warranty)"),
    ("paid", "Paid"),
    ("contract", "Maintenance Contract"),
    ("internal", "Internal"),
]
FAILURE_CAUSES = [
    ("quality", "Quality"),
    ("production", "Production"),
    ("installation", "Installation"),
    ("user_damage", "User Damage / Misuse"),
    ("force_majeure", "Force Majeure"),
    ("wear", "Normal Wear"),
]
# Causes the customer answers for: outside the free warranty (a charged part then gets the
# policy's damage discount), and a defective part returned with one of them is rejected.
DAMAGE_CAUSES = ("user_damage", "force_majeure")
# What a returned part failed of, as the quality inspection finds it: a failure cause, or the
# supplier's fault (which opens a claim to the part's vendor).
RETURN_CAUSES = FAILURE_CAUSES[:3] + [("supplier", "Supplier")] + FAILURE_CAUSES[3:]
