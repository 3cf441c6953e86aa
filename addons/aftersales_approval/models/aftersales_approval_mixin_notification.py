# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the approval mechanism (`aftersales.approval.mixin`) tells people: the chatter
notes of requests and decisions, the notification of the approvers whose turn came (in
Odoo or by e-mail), their following of the document."""

import threading

from markupsafe import escape

from odoo import models
from odoo.tools import SQL, clean_context, split_every


class AftersalesApprovalMixinNotification(models.AbstractModel):
    _inherit = "aftersales.approval.mixin"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------

    def _approval_message(self, body, approvers=None):
        """Log `body` as a note on the document, authored by the current user; addressed to
        `approvers` (the users whose turn came: notified by e-mail or in Odoo as each
        prefers) when given."""
        if not hasattr(self, "message_post"):
            return
        if not approvers:
            # a note nobody is notified of: logged without Odoo's notification machinery (the
            # decision was checked by the mechanism; the author stays the current user)
            self._message_log(body=body)
            return
        # sudo: approvers without write access on the document still log their decision;
        # the author stays the current user.
        record = self.sudo()
        # the note, with the subject Odoo's e-mail would give it (written back on the note
        # otherwise), then Odoo's notification of it by its lower-level steps, given what they
        # would otherwise search or read back: the recipients' data (known from the
        # approvers), the thread's references (the note's). Whom it reached is what its
        # notifications record (`notified_partner_ids`: a notification per approver, in Odoo
        # or by e-mail, which also gives them access to the note): not written a second time
        # as the note's recipients (`partner_ids`, a statement of its own per request).
        partners = approvers.partner_id
        message = record._message_log(body=body, subject=record._message_compute_subject())
        # the body as stored (sanitized), which the ORM does not keep in cache for an html
        # field: Odoo's e-mail layout reads it (its preview)
        body_field = message._fields["body"]
        self.env.cache.update(
            message, body_field, [body_field.convert_to_cache(escape(body), message)]
        )
        msg_vals = {
            "author_id": message.author_id.id,
            "model": self._name,
            "res_id": self.id,
            "body": escape(body),
            "message_type": "notification",
            "subtype_id": message.subtype_id.id,
            "partner_ids": [],
            "tracking_value_ids": [],
            "email_add_signature": True,
        }
        recipients_data = record._approval_recipients_data(approvers)
        recipients_data += record._approval_note_followers_data(partners, message)
        record._notify_thread_by_inbox(message, recipients_data, msg_vals=msg_vals)
        record._approval_notify_by_email(message, recipients_data, msg_vals)
        record._notify_thread_by_web_push(message, recipients_data, msg_vals)

    def _approval_recipients_data(self, approvers):
        """Odoo's recipients data (`mail.followers._get_recipient_data`) of the users
        `approvers`, from the records the engine already read (no query): active internal
        users (`_get_reviewer_users`), who follow the document (subscribed with the
        request)."""
        return [
            {
                "active": True,
                "id": user.partner_id.id,
                "is_follower": True,
                "lang": user.partner_id.lang,
                "groups": set(user.groups_id.ids),
                "notif": user.notification_type or "email",
                "share": user.partner_id.partner_share,
                "uid": user.id,
                "ushare": False,
                "type": "user",
            }
            for user in approvers
            if user.active and not user.share
        ]

    def _approval_note_followers_data(self, partners, message):
        """Odoo's recipients data of the document's other followers of notes: as for any note
        Odoo posts, internal followers subscribed to notes are notified besides the approvers
        `partners` (the author excepted). Known from the followers read with the approvers'
        subscription; Odoo's recipients query runs only when there are such followers."""
        note = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_note")
        others = {
            follower.partner_id.id
            for follower in self.message_follower_ids
            if note in follower.subtype_ids.ids
            and follower.partner_id not in partners
            and follower.partner_id != message.author_id
        }
        if not others:
            return []
        data = self.env["mail.followers"]._get_recipient_data(self, "notification", note)
        return [
            values
            for partner_id, values in data[self.id].items()
            if partner_id in others and values["active"] is not False and not values["share"]
        ]

    def _approval_notify_by_email(self, message, recipients_data, msg_vals):
        """Odoo's e-mail notification of `message` (`_notify_thread_by_email`: the layout
        per language and recipients group, one mail per group, a notification per
        recipient, sent after the commit), with the references of the note itself: the
        approval request starts its own conversation, no search of earlier ones."""
        partners_data = [r for r in recipients_data if r["notif"] == "email"]
        if not partners_data:
            return
        base_mail_values = {
            "mail_message_id": message.id,
            "references": message.message_id,
            "auto_delete": True,
        }
        headers = self._notify_by_email_get_headers()
        if headers:
            base_mail_values["headers"] = repr(headers)
        batch_size = (
            int(self.env["ir.config_parameter"].sudo().get_param("mail.batch_size") or 0) or 50
        )
        mail_values_list = []
        for (
            _lang,
            render_values,
            recipients_group,
        ) in self._notify_get_classified_recipients_iterator(
            message, partners_data, msg_vals=msg_vals
        ):
            mail_body = self._notify_by_email_render_layout(
                message, recipients_group, msg_vals=msg_vals, render_values=render_values
            )
            # one e-mail per group of at most `mail.batch_size` recipients, as Odoo
            for recipient_ids in split_every(batch_size, recipients_group.pop("recipients")):
                mail_values_list.append(
                    self._notify_by_email_get_final_mail_values(
                        recipient_ids, base_mail_values, additional_values={"body_html": mail_body}
                    )
                )
        if not mail_values_list:
            return
        # sudo: creating the notification e-mails is the purpose of this method (as Odoo's)
        mails = (
            self.env["mail.mail"]
            .sudo()
            .with_context(clean_context(self.env.context))
            .create(mail_values_list)
        )
        self.env["mail.notification"].sudo().create(
            [
                {
                    "author_id": message.author_id.id,
                    "is_read": True,  # no inbox notification
                    "mail_mail_id": mail.id,
                    "mail_message_id": message.id,
                    "notification_status": "ready",
                    "notification_type": "email",
                    "res_partner_id": partner_id,
                }
                for mail, values in zip(mails, mail_values_list, strict=True)
                for _command, partner_id, _ in values["recipient_ids"]
            ]
        )
        # as Odoo: sent after the commit (at once in tests), unless asked not to or while
        # the registry loads (queued: the mail cron sends it)
        testing = getattr(threading.current_thread(), "testing", False)
        if self.env.context.get("mail_notify_force_send", True) and (
            not self.pool._init or testing
        ):
            mails.send_after_commit()

    def _approval_subscribe(self, partners):
        """Make the approvers `partners` (internal users' partners) follow the document with
        the default subtypes, as Odoo does for the user of an activity, in one statement:
        the followers missing are inserted with their subtypes (`ON CONFLICT`: who already
        follows keeps their subscription, as Odoo's `_insert_followers` skips them), and the
        document's followers come back with it and their subtypes, kept in cache for the
        activities' subscription check (`_approval_followers_cover`) and the note's other
        recipients (`_approval_note_followers_data`). Odoo's path costs a search of the
        followers, their insert and their subtypes' insert, and the followers read again."""
        self.ensure_one()
        if not partners or "message_follower_ids" not in self._fields:
            return
        subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        Followers = self.env["mail.followers"].sudo()
        Followers.flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH new AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT %(model)s, %(res_id)s, partner_id
                      FROM unnest(%(partner_ids)s::int[]) AS partner_id
                        ON CONFLICT (res_model, res_id, partner_id) DO NOTHING
                 RETURNING id, partner_id
                ), new_subtypes AS (
                    INSERT INTO mail_followers_mail_message_subtype_rel
                                (mail_followers_id, mail_message_subtype_id)
                    SELECT new.id, subtype_id
                      FROM new, unnest(%(subtype_ids)s::int[]) AS subtype_id
                )
                SELECT id, partner_id, %(subtype_ids)s::int[] FROM new
                 UNION ALL
                SELECT id, partner_id,
                       ARRAY(SELECT rel.mail_message_subtype_id
                               FROM mail_followers_mail_message_subtype_rel rel
                              WHERE rel.mail_followers_id = mail_followers.id
                              ORDER BY rel.mail_message_subtype_id)
                  FROM mail_followers
                 WHERE res_model = %(model)s AND res_id = %(res_id)s
                 ORDER BY id
                """,
                model=self._name,
                res_id=self.id,
                partner_ids=partners.ids,
                subtype_ids=subtypes.ids,
            )
        )
        rows = self.env.cr.fetchall()
        followers = Followers.browse([row[0] for row in rows])
        # each follower with its subtypes: the request note also goes to the internal
        # followers of notes (`_approval_note_followers_data`)
        for follower, (_fid, partner_id, subtype_ids) in zip(followers, rows, strict=True):
            self.env.cache.update(follower, Followers._fields["partner_id"], [partner_id])
            self.env.cache.update(follower, Followers._fields["subtype_ids"], [tuple(subtype_ids)])
        self.env.cache.update(self, self._fields["message_follower_ids"], [tuple(followers.ids)])
        self.env.cache.update(
            self, self._fields["message_partner_ids"], [tuple(r[1] for r in rows)]
        )

    def _approval_followers_cover(self, partner_ids, subtype_ids=None):
        """Whether subscribing `partner_ids` (default subtypes) would change nothing: each
        already follows every document. A document that calls it first in its
        `message_subscribe` skips Odoo's per-user subscription of the approval activities'
        users, whom the engine subscribes in one batch (mail.thread comes before this mixin
        in a document's classes, so the mixin cannot override message_subscribe itself)."""
        if not partner_ids or subtype_ids or not self or "message_partner_ids" not in self._fields:
            return False
        wanted = set(partner_ids)
        return all(wanted <= set(rec.sudo().message_partner_ids.ids) for rec in self)
