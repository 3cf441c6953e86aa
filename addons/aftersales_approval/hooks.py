# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The approval engine came out of aftersales_repair (issue 15). On a database where
aftersales_repair 18.0.1.0.0 is installed, `-u aftersales_repair` installs this add-on first:
before its data loads, its records (models, fields, views, actions, access, record rules, the
activity type) change hands from aftersales_repair to aftersales_approval in ir_model_data, so
that nothing is deleted and created again (approval rules, reviews and activities keep their
ids). The rules' optional filters become the stored condition (`domain`): the requester's
sales team here; each product add-on converts the filters about its own documents in its
migration."""

import logging

from odoo.tools import SQL, sql

_logger = logging.getLogger(__name__)

OLD_MODULE = "aftersales_repair"
NEW_MODULE = "aftersales_approval"

# the engine's models (ir.model, ir.model.fields, constraints, selection values)
MODEL_PREFIXES = [
    "aftersales_approval_rule",
    "aftersales_approval_rule_step",
    "aftersales_approval_review",
    "aftersales_approval_mixin",
    "aftersales_approval_reject_wizard",
]
# aftersales_approval 18.0.1.0.0's link between the approval tasks and their reviews
ACTIVITY_LINK_TABLE = "aftersales_approval_review_mail_activity_rel"
# the engine's data records, by their xmlid name
RECORD_NAMES = [
    # security
    "aftersales_approval_rule_rule_company",
    "aftersales_approval_rule_step_rule_company",
    "aftersales_approval_review_rule_company",
    "access_aftersales_approval_rule_employee",
    "access_aftersales_approval_rule_manager",
    "access_aftersales_approval_rule_step_employee",
    "access_aftersales_approval_rule_step_manager",
    "access_aftersales_approval_review_employee",
    "access_aftersales_approval_reject_wizard_employee",
    # data
    "mail_activity_type_approval",
    # views and actions
    "aftersales_approval_rule_view_list",
    "aftersales_approval_rule_view_form",
    "aftersales_approval_rule_view_search",
    "aftersales_approval_rule_action",
    "aftersales_approval_review_view_list_embedded",
    "aftersales_approval_review_view_list",
    "aftersales_approval_review_view_form",
    "aftersales_approval_review_view_search",
    "aftersales_approval_review_action_to_approve",
    "aftersales_approval_review_action",
    "aftersales_approval_reject_wizard_view_form",
    # fields the engine adds to other models
    "field_res_company__aftersales_approval_bypass_group_id",
]


def pre_init_hook(env):
    cr = env.cr
    cr.execute(
        "SELECT 1 FROM ir_module_module WHERE name = %s AND state IN ('installed', 'to upgrade')",
        [OLD_MODULE],
    )
    if not cr.rowcount:
        return  # a new database: nothing to take over
    _move_xmlids(cr)
    _conditions_from_team_filters(cr)
    link_activities_to_reviews(cr)


def _move_xmlids(cr):
    model_names = [f"model_{prefix}" for prefix in MODEL_PREFIXES]
    like_patterns = [
        f"{kind}_{prefix}\\_\\_%" for prefix in MODEL_PREFIXES for kind in ("field", "selection_")
    ] + [f"constraint_{prefix}\\_%" for prefix in MODEL_PREFIXES]
    # the document types of the rules stay with the add-ons that add them
    cr.execute(
        SQL(
            """
            UPDATE ir_model_data
               SET module = %(new)s
             WHERE module = %(old)s
               AND (name IN %(names)s OR name LIKE ANY (%(patterns)s))
               AND name NOT LIKE %(document_type)s
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data taken
                    WHERE taken.module = %(new)s AND taken.name = ir_model_data.name)
            """,
            new=NEW_MODULE,
            old=OLD_MODULE,
            names=tuple(model_names + RECORD_NAMES),
            patterns=like_patterns,
            document_type="selection\\_\\_aftersales\\_approval\\_rule\\_\\_document\\_type\\_\\_%",
        )
    )
    _logger.info(
        "approval engine: %s records moved from %s to %s", cr.rowcount, OLD_MODULE, NEW_MODULE
    )


def _conditions_from_team_filters(cr):
    """The requester's sales teams of a rule become its condition."""
    if not sql.table_exists(cr, "aftersales_approval_rule"):
        return
    if not sql.column_exists(cr, "aftersales_approval_rule", "domain"):
        sql.create_column(cr, "aftersales_approval_rule", "domain", "varchar")
    cr.execute("UPDATE aftersales_approval_rule SET domain = '[]' WHERE domain IS NULL")
    if not sql.table_exists(cr, "aftersales_approval_rule_crm_team_rel"):
        return
    cr.execute(
        """
        SELECT aftersales_approval_rule_id, array_agg(crm_team_id ORDER BY crm_team_id)
          FROM aftersales_approval_rule_crm_team_rel
         GROUP BY aftersales_approval_rule_id
        """
    )
    for rule_id, team_ids in cr.fetchall():
        cr.execute(
            "UPDATE aftersales_approval_rule SET domain = %s WHERE id = %s",
            [repr([("approval_requester_id.sale_team_id", "in", list(team_ids))]), rule_id],
        )


def link_activities_to_reviews(cr):
    """Each approval task belongs to one review: aftersales_approval 18.0.1.0.0 (and
    aftersales_repair before it) kept that in a link table, a field of the task now. The
    column is created and filled before the registry loads, then the link table dropped."""
    if not sql.table_exists(cr, ACTIVITY_LINK_TABLE):
        return
    if not sql.column_exists(cr, "mail_activity", "aftersales_approval_review_id"):
        sql.create_column(cr, "mail_activity", "aftersales_approval_review_id", "int4")
    cr.execute(
        SQL(
            """
            UPDATE mail_activity activity
               SET aftersales_approval_review_id = link.review_id
              FROM (SELECT mail_activity_id, min(aftersales_approval_review_id) AS review_id
                      FROM %s
                     GROUP BY mail_activity_id) AS link
             WHERE link.mail_activity_id = activity.id
               AND activity.aftersales_approval_review_id IS NULL
            """,
            SQL.identifier(ACTIVITY_LINK_TABLE),
        )
    )
    _logger.info("approval engine: %s approval tasks linked to their review", cr.rowcount)
    # the links are on the tasks now: the table goes (Odoo drops a relation table only when
    # its add-on is uninstalled)
    cr.execute(SQL("DROP TABLE %s", SQL.identifier(ACTIVITY_LINK_TABLE)))
    cr.execute("DELETE FROM ir_model_relation WHERE name = %s", [ACTIVITY_LINK_TABLE])


def add_rule_condition(cr, rule_id, domain):
    """AND `domain` to the stored condition of the rule `rule_id` (for the migrations of the
    product add-ons that turn their old rule filters into conditions)."""
    from odoo.osv import expression
    from odoo.tools.safe_eval import safe_eval

    cr.execute("SELECT domain FROM aftersales_approval_rule WHERE id = %s", [rule_id])
    current = safe_eval((cr.fetchone() or ["[]"])[0] or "[]")
    combined = expression.AND([current, domain]) if current else domain
    cr.execute(
        "UPDATE aftersales_approval_rule SET domain = %s WHERE id = %s",
        [repr(list(combined)), rule_id],
    )


def old_rule_filters(cr, document_types):
    """{rule id: (product category ids, part type)} of the rules of `document_types` that had
    the filters of aftersales_repair 18.0.1.0.0 (read before they are dropped)."""
    result = {}
    if sql.table_exists(cr, "aftersales_approval_rule_product_category_rel"):
        cr.execute(
            """
            SELECT rel.aftersales_approval_rule_id,
                   array_agg(rel.product_category_id ORDER BY rel.product_category_id)
              FROM aftersales_approval_rule_product_category_rel rel
              JOIN aftersales_approval_rule rule ON rule.id = rel.aftersales_approval_rule_id
             WHERE rule.document_type IN %s
             GROUP BY rel.aftersales_approval_rule_id
            """,
            [tuple(document_types)],
        )
        for rule_id, categ_ids in cr.fetchall():
            result[rule_id] = (list(categ_ids), False)
    if sql.column_exists(cr, "aftersales_approval_rule", "part_type"):
        cr.execute(
            "SELECT id, part_type FROM aftersales_approval_rule "
            "WHERE part_type IS NOT NULL AND document_type IN %s",
            [tuple(document_types)],
        )
        for rule_id, part_type in cr.fetchall():
            result[rule_id] = (result.get(rule_id, ([], False))[0], part_type)
    return result
