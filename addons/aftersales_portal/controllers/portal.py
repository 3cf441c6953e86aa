# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import pytz

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def _uploaded_photos(files):
    """(filename, mimetype, bytes) of the uploaded files that are not empty."""
    photos = []
    for upload in files:
        if not upload or not upload.filename:
            continue
        data = upload.read()
        if data:
            photos.append((upload.filename[:200], upload.mimetype, data))
    return photos


def _preferred_time(value):
    """The preferred time typed in a datetime-local input (the visitor's local time)."""
    if not value:
        return None
    try:
        local = fields.Datetime.to_datetime(value.replace("T", " ")[:16] + ":00")
    except ValueError as error:
        raise UserError(request.env._("Enter the preferred time as a date and hour.")) from error
    tz = pytz.timezone(request.env.context.get("tz") or request.env.user.tz or "UTC")
    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


class AftersalesCustomerPortal(CustomerPortal):
    """The customer's after-sales pages: units and their warranty per part, maintenance
    contracts, complaints, feedback requests and reporting a fault.

    Records are searched as the portal user (the record rules decide what is listed);
    only what was found that way is rendered with sudo, since the pages show names of
    products, policies and users the portal group cannot read."""

    # ---- helpers ------------------------------------------------------------------------

    def _aftersales_customer_domain(self, field="commercial_partner_id"):
        return [(field, "=", request.env.user.commercial_partner_id.id)]

    def _aftersales_count(self, model, domain):
        records = request.env[model]
        return records.search_count(domain) if records.has_access("read") else 0

    def _aftersales_get(self, model, record_id):
        """The record if the portal user may read it (record rules), with sudo for
        rendering; raises AccessError/MissingError otherwise."""
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise MissingError(request.env._("This document does not exist."))
        record.check_access("read")
        return record.sudo()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "aftersales_unit_count" in counters:
            values["aftersales_unit_count"] = self._aftersales_count(
                "aftersales.warranty", self._aftersales_customer_domain()
            )
        if "aftersales_contract_count" in counters:
            values["aftersales_contract_count"] = self._aftersales_count(
                "aftersales.warranty.contract", self._aftersales_customer_domain()
            )
        if "aftersales_complaint_count" in counters:
            values["aftersales_complaint_count"] = len(self._aftersales_complaints())
        if "aftersales_feedback_count" in counters:
            values["aftersales_feedback_count"] = len(self._aftersales_feedback_requests())
        return values

    # ---- units --------------------------------------------------------------------------

    @http.route(["/my/units"], type="http", auth="user", website=True)
    def portal_my_units(self, **kw):
        units = request.env["aftersales.warranty"].search(
            self._aftersales_customer_domain(), order="delivery_date desc, id desc", limit=500
        )
        values = self._prepare_portal_layout_values()
        values.update({"units": units.sudo(), "page_name": "aftersales_unit"})
        return request.render("aftersales_portal.portal_my_units", values)

    @http.route(["/my/units/<int:warranty_id>"], type="http", auth="user", website=True)
    def portal_my_unit(self, warranty_id, report_type=None, download=False, message=None, **kw):
        try:
            unit = self._aftersales_get("aftersales.warranty", warranty_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=unit,
                report_type=report_type,
                report_ref="aftersales_portal.action_report_warranty_card",
                download=download,
            )
        partner = request.env.user.commercial_partner_id
        contracts = (
            request.env["aftersales.warranty.contract"]
            .search([("commercial_partner_id", "=", partner.id), ("state", "=", "running")])
            .filtered(lambda c: not c.lot_ids or unit.lot_id in c.sudo().lot_ids)
        )
        repairs = request.env["repair.order"].search(
            [("lot_id", "=", unit.lot_id.id), ("partner_id", "child_of", [partner.id])],
            order="create_date desc",
            limit=20,
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "unit": unit,
                "lines": unit._aftersales_portal_lines(),
                "contracts": contracts.sudo(),
                "repairs": repairs.sudo(),
                "message": message,
                "page_name": "aftersales_unit",
            }
        )
        return request.render("aftersales_portal.portal_my_unit", values)

    @http.route(
        ["/my/units/<int:warranty_id>/fault"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_unit_fault(self, warranty_id, **post):
        try:
            unit = self._aftersales_get("aftersales.warranty", warranty_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if unit.commercial_partner_id != request.env.user.commercial_partner_id:
            # dealers report faults from the dealer portal, as a logged warranty repair
            return request.redirect("/my")
        error = None
        if request.httprequest.method == "POST":
            try:
                # sudo: the portal user may not create repairs; the unit is theirs (checked
                # above) and the method only creates a draft at the front desk
                repair = (
                    request.env["repair.order"]
                    .sudo()
                    ._aftersales_portal_report_fault(
                        unit,
                        post.get("description"),
                        preferred=_preferred_time(post.get("preferred_time")),
                        photos=_uploaded_photos(request.httprequest.files.getlist("photos")),
                    )
                )
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
            else:
                values = self._prepare_portal_layout_values()
                values.update({"unit": unit, "repair": repair, "page_name": "aftersales_unit"})
                return request.render("aftersales_portal.portal_fault_reported", values)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "unit": unit,
                "error": error,
                "post": post,
                "action": f"/my/units/{unit.id}/fault",
                "page_name": "aftersales_unit",
            }
        )
        return request.render("aftersales_portal.portal_fault_form", values)

    # ---- contracts, complaints, feedback ----------------------------------------------

    @http.route(["/my/contracts"], type="http", auth="user", website=True)
    def portal_my_contracts(self, **kw):
        contracts = request.env["aftersales.warranty.contract"].search(
            self._aftersales_customer_domain(), limit=200
        )
        values = self._prepare_portal_layout_values()
        values.update({"contracts": contracts.sudo(), "page_name": "aftersales_contract"})
        return request.render("aftersales_portal.portal_my_contracts", values)

    def _aftersales_complaints(self):
        """The customer's own complaints, of which the page shows only the reference,
        subject, dates, status and answer (sudo: complaints also hold internal findings, so
        the portal group has no access right on them)."""
        if request.env.user._is_public():
            return request.env["aftersales.complaint"]
        return (
            request.env["aftersales.complaint"]
            .sudo()
            .search(self._aftersales_customer_domain(), order="reported_date desc", limit=200)
        )

    @http.route(["/my/complaints"], type="http", auth="user", website=True)
    def portal_my_complaints(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {"complaints": self._aftersales_complaints(), "page_name": "aftersales_complaint"}
        )
        return request.render("aftersales_portal.portal_my_complaints", values)

    def _aftersales_feedback_requests(self):
        """The customer's own feedback requests, of which the page shows the repair, the
        state and the customer's personal rating link only (sudo: the portal group has no
        access right on feedback requests, which hold the ratings of technicians)."""
        if request.env.user._is_public():
            return request.env["aftersales.feedback.request"]
        return (
            request.env["aftersales.feedback.request"]
            .sudo()
            .search(
                [("partner_id", "child_of", [request.env.user.commercial_partner_id.id])],
                order="id desc",
                limit=200,
            )
        )

    @http.route(["/my/feedback"], type="http", auth="user", website=True)
    def portal_my_feedback(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "feedback_requests": self._aftersales_feedback_requests(),
                "page_name": "aftersales_feedback",
            }
        )
        return request.render("aftersales_portal.portal_my_feedback", values)
