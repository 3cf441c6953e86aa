"""What scripts/upgrade_check counts before and after an upgrade (see scripts/upgrade_check.py).

Each engine or add-on that moves records adds its own entries:

- MODELS: models whose records are counted (archived ones included); a model whose table does
  not exist yet before the upgrade is only reported.
- QUERIES: {label: SQL returning rows of (key, number)}: each key's number must be the same
  after the upgrade (a key that only appears after is reported, not an error).
- DUPLICATES: {label: SQL returning the duplicated rows}: must return nothing after the upgrade.
- XMLIDS: external ids that must exist after the upgrade (records moved between add-ons).
- SETUP: SQL run on the old database before the upgrade (configuration the demo data lacks,
  which a migration must convert); EXPECT: {label: (SQL returning one number, that number)}
  checked after the upgrade. An entry tied to a migration names it, (module, version): a SETUP
  entry (migration, SQL), an EXPECT value (SQL, number, migration); it applies only when the old
  database's add-on is older than that version (from a later version the migration does not run).
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

# counts that may grow with the upgrade (new add-ons log messages, e.g. the complaint deadlines
# turned into service-level deadlines): only a decrease is a difference
GROWS = ["records of mail.message"]

# records that must all still be there after the upgrade (same ids: kept, not deleted and created
# again); records the upgrade adds (new groups, new activity types) are reported, not a difference
KEPT = {
    "aftersales.approval.rule": "SELECT id FROM aftersales_approval_rule",
    "aftersales.approval.rule.step": "SELECT id FROM aftersales_approval_rule_step",
    "aftersales.approval.review": "SELECT id FROM aftersales_approval_review",
    "aftersales.sla.deadline": "SELECT id FROM aftersales_sla_deadline",
    "aftersales.sla.policy": "SELECT id FROM aftersales_sla_policy",
    "mail.activity": "SELECT id FROM mail_activity",
    "mail.activity.type": "SELECT id FROM mail_activity_type",
    "res.groups of the suite": """
        SELECT res_id FROM ir_model_data WHERE model = 'res.groups' AND module LIKE 'aftersales%'
    """,
}

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
        SELECT 'After-Sales Approval', count(a.id)
          FROM ir_model_data d
          LEFT JOIN mail_activity a ON a.activity_type_id = d.res_id
         WHERE d.model = 'mail.activity.type' AND d.name = 'mail_activity_type_approval'
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
    # aftersales_repair 18.0.1.3.0 stores the customer's acceptance as 'accepted' (was
    # 'approved'): both keys are counted as one, the figures must not move
    "repairs by customer acceptance state": """
        SELECT CASE WHEN customer_acceptance_state IN ('approved', 'accepted')
                    THEN 'accepted by the customer'
                    ELSE coalesce(customer_acceptance_state, 'none') END, count(*)
          FROM repair_order GROUP BY 1
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
    "approval engine records created twice (its xmlid name in another add-on too)": """
        SELECT a.module || '.' || a.name, b.module || '.' || b.name
          FROM ir_model_data a
          JOIN ir_model_data b ON b.name = a.name AND b.model = a.model AND a.module < b.module
                              AND b.res_id != a.res_id
         WHERE a.module LIKE 'aftersales%' AND b.module LIKE 'aftersales%'
           AND 'aftersales_approval' IN (a.module, b.module)
           AND a.model NOT LIKE 'ir.model%'
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

# aftersales_repair 18.0.1.0.0 had filters on the approval rules; the upgrade turns them into
# conditions (domains): the requester's teams (aftersales_approval's pre_init_hook), product
# categories (aftersales_repair's and aftersales_warranty's migrations), part type (warranty).
RULE_CONDITIONS = ("aftersales_repair", "18.0.1.1.0")
# aftersales_repair 18.0.1.3.0 stores the customer's acceptance as 'accepted' (was 'approved')
ACCEPTANCE_KEY = ("aftersales_repair", "18.0.1.3.0")
# aftersales_approval 18.0.1.1.0: an approval task names its review (was a link table)
TASK_REVIEW = ("aftersales_approval", "18.0.1.1.0")
# aftersales_repair 18.0.1.4.0: whether the final inspection of the current round is recorded
INSPECTION_ROUND = ("aftersales_repair", "18.0.1.4.0")
SETUP = [
    (
        RULE_CONDITIONS,
        """
        INSERT INTO aftersales_approval_rule_crm_team_rel
               (aftersales_approval_rule_id, crm_team_id)
        SELECT r.id, t.id FROM aftersales_approval_rule r, crm_team t
         WHERE r.document_type = 'repair_price' AND t.id = (SELECT min(id) FROM crm_team)
        """,
    ),
    (
        RULE_CONDITIONS,
        """
        INSERT INTO aftersales_approval_rule_product_category_rel
               (aftersales_approval_rule_id, product_category_id)
        SELECT r.id, c.id FROM aftersales_approval_rule r, product_category c
         WHERE r.document_type IN ('repair_waiver', 'warranty_part')
           AND c.id = (SELECT min(id) FROM product_category)
        """,
    ),
    (
        RULE_CONDITIONS,
        """
        UPDATE aftersales_approval_rule SET part_type = 'non_standard'
         WHERE document_type = 'non_standard_part'
        """,
    ),
    # a favourite and a user default that name the customer's acceptance by its old key
    # 'approved' (the migration converts them; approval_state keeps its 'approved')
    (
        ACCEPTANCE_KEY,
        """
        INSERT INTO ir_filters (name, model_id, domain, context, sort, active)
        VALUES ('Upgrade check: accepted estimates', 'repair.order',
                '[(''customer_acceptance_state'', ''='', ''approved''), '
                '(''approval_state'', ''in'', [''approved'', ''not_needed''])]',
                '{''default_customer_acceptance_state'': ''approved''}', '[]', true)
        """,
    ),
    (
        ACCEPTANCE_KEY,
        """
        INSERT INTO ir_default (field_id, json_value)
        SELECT id, '"approved"' FROM ir_model_fields
         WHERE model = 'repair.order' AND name = 'customer_acceptance_state'
        """,
    ),
]

EXPECT = {
    "repairs waiting for inspection: an earlier round's inspection does not count as this one's": (
        "SELECT count(*) FROM repair_order WHERE state = 'inspection' AND inspection_recorded",
        0,
        INSPECTION_ROUND,
    ),
    "repairs: whether the current round's inspection is recorded is set for each": (
        "SELECT count(*) FROM repair_order WHERE inspection_recorded IS NULL",
        0,
        INSPECTION_ROUND,
    ),
    "approval tasks: every one names its review (the link table's rows)": (
        """SELECT count(*) FROM mail_activity a
             JOIN ir_model_data d ON d.model = 'mail.activity.type'
                                 AND d.res_id = a.activity_type_id
                                 AND d.name = 'mail_activity_type_approval'
            WHERE a.aftersales_approval_review_id IS NULL""",
        0,
        TASK_REVIEW,
    ),
    "approval tasks: the demo's 27 name a review of their own document": (
        """SELECT count(*) FROM mail_activity a
             JOIN aftersales_approval_review r ON r.id = a.aftersales_approval_review_id
                                              AND r.res_model = a.res_model
                                              AND r.res_id = a.res_id""",
        27,
        TASK_REVIEW,
    ),
    "approval tasks: the old link table is gone": (
        """SELECT count(*) FROM pg_class
            WHERE relname = 'aftersales_approval_review_mail_activity_rel'""",
        0,
        TASK_REVIEW,
    ),
    "repair price rules: the requester's team became their condition": (
        """SELECT count(*) FROM aftersales_approval_rule WHERE document_type = 'repair_price'
           AND domain LIKE '%approval_requester_id.sale_team_id%'""",
        6,
        RULE_CONDITIONS,
    ),
    "repair waiver rules: the product categories became their condition": (
        """SELECT count(*) FROM aftersales_approval_rule WHERE document_type = 'repair_waiver'
           AND domain LIKE '%move_ids.product_id.categ_id%child_of%'""",
        6,
        RULE_CONDITIONS,
    ),
    "warranty part rules: the product categories became their condition": (
        """SELECT count(*) FROM aftersales_approval_rule WHERE document_type = 'warranty_part'
           AND domain LIKE '%line_ids.product_id.categ_id%child_of%'""",
        6,
        RULE_CONDITIONS,
    ),
    "non-standard part rules: the part type became their condition": (
        """SELECT count(*) FROM aftersales_approval_rule
           WHERE document_type = 'non_standard_part'
           AND domain LIKE '%part_type%non_standard%'""",
        4,
        RULE_CONDITIONS,
    ),
    "rules without filters kept an empty condition": (
        """SELECT count(*) FROM aftersales_approval_rule
           WHERE document_type = 'emergency_purchase' AND domain = '[]'""",
        4,
        RULE_CONDITIONS,
    ),
    "customer acceptance: no repair keeps the old key 'approved'": (
        "SELECT count(*) FROM repair_order WHERE customer_acceptance_state = 'approved'",
        0,
    ),
    "customer acceptance: the demo's four accepted estimates are 'accepted'": (
        "SELECT count(*) FROM repair_order WHERE customer_acceptance_state = 'accepted'",
        4,
        ACCEPTANCE_KEY,
    ),
    "customer acceptance: its selection row 'approved' renamed 'accepted' (same row)": (
        """SELECT count(*) FILTER (WHERE s.value = 'accepted')
                  + 10 * count(*) FILTER (WHERE s.value = 'approved')
             FROM ir_model_fields_selection s JOIN ir_model_fields f ON f.id = s.field_id
            WHERE f.model = 'repair.order' AND f.name = 'customer_acceptance_state'""",
        1,
    ),
    "customer acceptance: the favourite's domain and context say 'accepted' (approval_state "
    "keeps 'approved')": (
        """SELECT count(*) FROM ir_filters WHERE name = 'Upgrade check: accepted estimates'
           AND domain = '[(''customer_acceptance_state'', ''='', ''accepted''), '
                        '(''approval_state'', ''in'', [''approved'', ''not_needed''])]'
           AND context = '{''default_customer_acceptance_state'': ''accepted''}'""",
        1,
        ACCEPTANCE_KEY,
    ),
    "customer acceptance: the user default is 'accepted'": (
        """SELECT count(*) FROM ir_default d JOIN ir_model_fields f ON f.id = d.field_id
           WHERE f.model = 'repair.order' AND f.name = 'customer_acceptance_state'
             AND d.json_value = '"accepted"'""",
        1,
        ACCEPTANCE_KEY,
    ),
}
