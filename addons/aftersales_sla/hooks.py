# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The service-level engine used to live in aftersales_repair. On a database where it did,
installing this add-on (``-u aftersales_repair`` installs it as a new dependency) first hands
its records over: the external ids of the models, fields, selection values, security rules,
views, actions and the cron move from aftersales_repair to aftersales_sla, so that loading this
add-on's data updates them instead of creating a second policy view or a second cron, and the
deadlines and policies, whose tables are kept, stay as they are."""

import logging

_logger = logging.getLogger(__name__)

OLD_MODULE = "aftersales_repair"
NEW_MODULE = "aftersales_sla"
MODELS = ("aftersales.sla.policy", "aftersales.sla.deadline", "aftersales.sla.mixin")
# fields of the engine's models that stay defined by the repair add-on
REPAIR_FIELDS = (
    "field_aftersales_sla_deadline__repair_id",
    "field_aftersales_sla_deadline__service_centre_id",
    "field_aftersales_sla_deadline__team_id",
    "field_aftersales_sla_policy__intake_channel",
    "field_aftersales_sla_policy__service_mode",
)
FIELDS = (
    "field_res_company__aftersales_sla_risk_percent",
    "field_res_config_settings__aftersales_sla_risk_percent",
)
DATA = (
    "aftersales_sla_policy_rule_company",
    "aftersales_sla_deadline_rule_company",
    "ir_cron_aftersales_sla_check",
    "ir_cron_aftersales_sla_check_ir_actions_server",
    "aftersales_sla_policy_view_list",
    "aftersales_sla_policy_view_form",
    "aftersales_sla_policy_view_search",
    "aftersales_sla_policy_action",
    "aftersales_sla_deadline_view_list",
    "aftersales_sla_deadline_view_form",
    "aftersales_sla_deadline_view_search",
    "aftersales_sla_deadline_view_pivot",
    "aftersales_sla_deadline_view_graph",
    "aftersales_sla_deadline_action",
    "aftersales_sla_deadline_action_report",
    "constraint_res_company_aftersales_sla_risk_percent_range",
)
CONSTRAINTS = ("res_company_aftersales_sla_risk_percent_range",)
REPAIR_CONSTRAINTS = (
    "aftersales_sla_deadline_repair_id_fkey",
    "aftersales_sla_deadline_service_centre_id_fkey",
    "aftersales_sla_deadline_team_id_fkey",
)


def pre_init_hook(env):
    cr = env.cr
    model_xmlids = tuple("model_" + model.replace(".", "_") for model in MODELS)
    field_prefixes = tuple("field_" + model.replace(".", "_") + "__%" for model in MODELS) + tuple(
        "selection__" + model.replace(".", "_") + "__%" for model in MODELS
    )
    # an external id already in aftersales_sla is never duplicated
    cr.execute(
        """
        UPDATE ir_model_data d
           SET module = %(new)s
         WHERE d.module = %(old)s
           AND (
                (d.model = 'ir.model' AND d.name IN %(models)s)
             OR (d.model IN ('ir.model.fields', 'ir.model.fields.selection')
                 AND d.name LIKE ANY(%(prefixes)s)
                 AND d.name NOT IN %(repair_fields)s
                 AND d.name NOT LIKE 'selection__aftersales_sla_policy__intake_channel__%%'
                 AND d.name NOT LIKE 'selection__aftersales_sla_policy__service_mode__%%')
             OR (d.model = 'ir.model.fields' AND d.name IN %(fields)s)
             OR d.name IN %(data)s
           )
           AND NOT EXISTS (
                SELECT 1 FROM ir_model_data n WHERE n.module = %(new)s AND n.name = d.name
           )
        """,
        {
            "new": NEW_MODULE,
            "old": OLD_MODULE,
            "models": model_xmlids,
            "prefixes": list(field_prefixes),
            "repair_fields": REPAIR_FIELDS,
            "fields": FIELDS,
            "data": DATA,
        },
    )
    moved = cr.rowcount
    if not moved:
        return
    cr.execute(
        """
        UPDATE ir_model_constraint c
           SET module = (SELECT id FROM ir_module_module WHERE name = %(new)s)
          FROM ir_model m
         WHERE c.model = m.id
           AND c.module = (SELECT id FROM ir_module_module WHERE name = %(old)s)
           AND ((m.model IN %(models)s AND c.name NOT IN %(repair_constraints)s)
                OR c.name IN %(constraints)s)
        """,
        {
            "new": NEW_MODULE,
            "old": OLD_MODULE,
            "models": MODELS,
            "repair_constraints": REPAIR_CONSTRAINTS,
            "constraints": CONSTRAINTS,
        },
    )
    cr.execute(
        """
        UPDATE ir_model_relation r
           SET module = (SELECT id FROM ir_module_module WHERE name = %(new)s)
          FROM ir_model m
         WHERE r.model = m.id
           AND r.module = (SELECT id FROM ir_module_module WHERE name = %(old)s)
           AND m.model IN %(models)s
        """,
        {"new": NEW_MODULE, "old": OLD_MODULE, "models": MODELS},
    )
    _logger.info("Service-level engine: %d external ids moved from %s", moved, OLD_MODULE)
