"""What scripts/upgrade_check counts before and after an upgrade (see scripts/upgrade_check.py).

Each engine or add-on that moves records adds its own entries:

- MODELS: models whose records are counted (archived ones included); a model whose table does
  not exist yet before the upgrade is only reported.
- QUERIES: {label: SQL returning rows of (key, number)}: each key's number must be the same
  after the upgrade (a key that only appears after is reported, not an error).
- DUPLICATES: {label: SQL returning the duplicated rows}: must return nothing after the upgrade.
- XMLIDS: external ids that must exist after the upgrade (records moved between add-ons).
"""

MODELS = [
    # the approval engine (aftersales_approval, formerly inside aftersales_repair)
    "aftersales.approval.rule",
    "aftersales.approval.rule.step",
    "aftersales.approval.review",
    # the documents it guards
    "repair.order",
    "aftersales.warranty.part.request",
    # what approvers received
    "mail.activity",
    "mail.message",
]

QUERIES = {
    "approval reviews by status": """
        SELECT status, count(*) FROM aftersales_approval_review GROUP BY status
    """,
    "approval requests by document model and state": """
        SELECT 'repair.order ' || approval_request_state, count(*)
          FROM repair_order GROUP BY approval_request_state
        UNION ALL
        SELECT 'aftersales.warranty.part.request ' || approval_request_state, count(*)
          FROM aftersales_warranty_part_request GROUP BY approval_request_state
    """,
    "approval rules by company and document type (active)": """
        SELECT company_id || ' ' || document_type || ' ' || active, count(*)
          FROM aftersales_approval_rule GROUP BY company_id, document_type, active
    """,
    "approval activities (open and done)": """
        SELECT d.module || '.' || d.name, count(a.id)
          FROM ir_model_data d
          LEFT JOIN mail_activity a ON a.activity_type_id = d.res_id
         WHERE d.model = 'mail.activity.type' AND d.name = 'mail_activity_type_approval'
         GROUP BY d.module, d.name
    """,
    "members of each group of the suite": """
        SELECT g.name->>'en_US', count(DISTINCT r.uid)
          FROM res_groups g
          JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = g.id
                              AND d.module LIKE 'aftersales%'
          LEFT JOIN res_groups_users_rel r ON r.gid = g.id
         GROUP BY g.name->>'en_US'
    """,
    "approval bypass group of the companies": """
        SELECT 'set', count(*) FROM res_company
         WHERE aftersales_approval_bypass_group_id IS NOT NULL
    """,
}

DUPLICATES = {
    "groups with the same name in the same category": """
        SELECT g.name->>'en_US', g.category_id, count(*)
          FROM res_groups g
         GROUP BY g.name->>'en_US', g.category_id HAVING count(*) > 1
    """,
    "approval rules with the same company, type, band and name": """
        SELECT company_id, document_type, amount_from, amount_to, name->>'en_US', count(*)
          FROM aftersales_approval_rule
         GROUP BY company_id, document_type, amount_from, amount_to, name->>'en_US'
        HAVING count(*) > 1
    """,
    "approval activity types": """
        SELECT name->>'en_US', count(*) FROM mail_activity_type
         WHERE name->>'en_US' = 'After-Sales Approval' GROUP BY 1 HAVING count(*) > 1
    """,
    "records of the suite with one external id name in two add-ons": """
        SELECT a.module || '.' || a.name, b.module || '.' || b.name
          FROM ir_model_data a
          JOIN ir_model_data b ON b.name = a.name AND b.model = a.model AND a.module < b.module
         WHERE a.module LIKE 'aftersales%' AND b.module LIKE 'aftersales%'
    """,
}

XMLIDS = [
    "aftersales_approval.model_aftersales_approval_rule",
    "aftersales_approval.model_aftersales_approval_review",
    "aftersales_approval.field_aftersales_approval_rule__domain",
    "aftersales_approval.mail_activity_type_approval",
    "aftersales_approval.aftersales_approval_review_action_to_approve",
    "aftersales_approval.access_aftersales_approval_rule_manager",
    "aftersales_approval.aftersales_approval_review_rule_company",
    "aftersales_approval.aftersales_approval_group_manager",
    "aftersales_repair.aftersales_approval_rule_repair_price_below_1000",
    "aftersales_repair.aftersales_approval_review_menu_to_approve",
]
