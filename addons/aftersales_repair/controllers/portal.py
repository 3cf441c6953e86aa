# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import binascii

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import (
    CustomerPortal,
    pager as portal_pager,
)


class AftersalesRepairPortal(CustomerPortal):
    """Portal pages of repairs: the customer reviews the estimate, then signs and accepts it
    or declines it."""

    def _aftersales_repair_domain(self, partner):
        return [("partner_id", "child_of", [partner.commercial_partner_id.id])]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "repair_count" in counters:
            repairs = request.env["repair.order"]
            partner = request.env.user.partner_id
            values["repair_count"] = (
                repairs.search_count(self._aftersales_repair_domain(partner))
                if repairs.has_access("read")
                else 0
            )
        return values

    @http.route(
        ["/my/repairs", "/my/repairs/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_repairs(self, page=1, **kwargs):
        repairs = request.env["repair.order"]
        domain = self._aftersales_repair_domain(request.env.user.partner_id)
        pager = portal_pager(
            url="/my/repairs",
            total=repairs.search_count(domain),
            page=page,
            step=self._items_per_page,
        )
        records = repairs.search(
            domain, order="create_date desc", limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_repairs_history"] = records.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                # sudo: the portal user may read these repairs (record rule above) but not
                # their stock moves, which the estimate amount is computed from
                "repairs": records.sudo(),
                "page_name": "repair",
                "pager": pager,
                "default_url": "/my/repairs",
            }
        )
        return request.render("aftersales_repair.portal_my_repairs", values)

    @http.route(["/my/repairs/<int:repair_id>"], type="http", auth="public", website=True)
    def portal_repair_page(
        self, repair_id, report_type=None, access_token=None, message=False, download=False, **kw
    ):
        try:
            repair_sudo = self._document_check_access(
                "repair.order", repair_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=repair_sudo,
                report_type=report_type,
                report_ref="aftersales_repair.action_report_repair_quotation",
                download=download,
            )
        values = {
            "repair": repair_sudo,
            "message": message,
            "page_name": "repair",
            "report_type": "html",
        }
        values = self._get_page_view_values(
            repair_sudo, access_token, values, "my_repairs_history", False, **kw
        )
        return request.render("aftersales_repair.portal_repair_page", values)

    @http.route(["/my/repairs/<int:repair_id>/accept"], type="json", auth="public", website=True)
    def portal_repair_accept(self, repair_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            repair_sudo = self._document_check_access(
                "repair.order", repair_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return {"error": _("Invalid repair.")}
        if not repair_sudo._aftersales_has_to_be_signed():
            return {"error": _("This repair is not waiting for your acceptance.")}
        if not signature:
            return {"error": _("Signature is missing.")}
        try:
            repair_sudo._aftersales_set_customer_decision(
                "accepted", name, "portal", signature=signature
            )
            request.env.cr.flush()
        except (TypeError, binascii.Error):
            return {"error": _("Invalid signature data.")}
        except UserError as error:
            return {"error": str(error)}
        return {
            "force_refresh": True,
            "redirect_url": repair_sudo.get_portal_url(query_string="&message=sign_ok"),
        }

    @http.route(
        ["/my/repairs/<int:repair_id>/decline"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_decline(self, repair_id, access_token=None, decline_message=None, **kw):
        try:
            repair_sudo = self._document_check_access(
                "repair.order", repair_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not repair_sudo._aftersales_has_to_be_signed() or not decline_message:
            return request.redirect(
                repair_sudo.get_portal_url(query_string="&message=cant_reject")
            )
        name = request.env.user.partner_id.name
        if request.env.user._is_public():
            name = repair_sudo.partner_id.name
        repair_sudo._aftersales_set_customer_decision("rejected", name, "portal")
        repair_sudo.message_post(
            author_id=(
                repair_sudo.partner_id.id
                if request.env.user._is_public()
                else request.env.user.partner_id.id
            ),
            body=decline_message,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return request.redirect(repair_sudo.get_portal_url())

    @http.route(
        ["/my/repairs/<int:repair_id>/decline_lines"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_repair_decline_lines(self, repair_id, access_token=None, **kw):
        """The customer declines some of the recommended work before signing: the lines stay
        on the order as declined recommendations (not done, not charged)."""
        try:
            repair_sudo = self._document_check_access(
                "repair.order", repair_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        form = request.httprequest.form
        move_ids = {int(value) for value in form.getlist("decline_move_ids") if value.isdigit()}
        labour_ids = {
            int(value) for value in form.getlist("decline_labour_ids") if value.isdigit()
        }
        # only the repair's own lines still in the estimate
        moves = repair_sudo._aftersales_part_lines().filtered(lambda m: m.id in move_ids)
        labour = repair_sudo.labour_ids.filtered(
            lambda line: not line.is_declined and line.id in labour_ids
        )
        if not repair_sudo._aftersales_has_to_be_signed() or not (moves or labour):
            return request.redirect(repair_sudo.get_portal_url())
        moves._aftersales_decline()
        labour._aftersales_decline()
        author = request.env.user.partner_id
        if request.env.user._is_public():
            author = repair_sudo.partner_id
        repair_sudo.message_post(
            author_id=author.id,
            body=_(
                "Recommended work declined by the customer: %(lines)s.",
                lines=", ".join(moves.product_id.mapped("display_name") + labour.mapped("name")),
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return request.redirect(repair_sudo.get_portal_url(query_string="&message=lines_declined"))
