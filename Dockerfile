# The After-Sales suite on Odoo's official 18.0 image (docker-compose.yml builds both targets).
#
#   suite  what serving needs: the image's Odoo 18.0 (Ubuntu, Python 3.12, Odoo's patched
#          wkhtmltopdf 0.12.6.1, fonts-noto-cjk for Chinese PDFs), requirements.txt and the
#          the suite's add-ons in /mnt/extra-addons
#   test   the suite image plus what scripts/test needs: a PostgreSQL server for its private
#          cluster, python3-venv for .local/venv (requirements-dev.txt is installed there on
#          the first run, on top of the image's Python), Google Chrome for the browser tests
FROM odoo:18.0 AS suite

USER root
# fonts-noto-cjk is in odoo:18.0 already; named here because Chinese PDFs need it.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /opt/aftersales/requirements.txt
# Ubuntu's Python is "externally managed" (PEP 668): the suite's few runtime packages go to
# /usr/local, beside the image's Odoo; odoo-addon-* wheels land in
# /usr/local/lib/python3*/dist-packages/odoo/addons, which Odoo finds by itself.
# The image's Odoo is a Debian package that pip does not see: the OCA odoo-addon-* wheels go in
# without their declared "odoo" requirement (--no-deps), the other packages as usual.
RUN grep -v '^odoo-addon-' /opt/aftersales/requirements.txt >/tmp/requirements-python.txt \
    && pip3 install --no-cache-dir --break-system-packages -r /tmp/requirements-python.txt \
    && grep '^odoo-addon-' /opt/aftersales/requirements.txt \
        | xargs -r pip3 install --no-cache-dir --break-system-packages --no-deps \
    && rm /tmp/requirements-python.txt
COPY --chown=odoo:odoo addons /mnt/extra-addons
COPY --chown=odoo:odoo scripts /opt/aftersales/scripts
COPY --chown=odoo:odoo config /opt/aftersales/config
COPY config/odoo.conf /etc/odoo/odoo.conf
USER odoo


FROM suite AS test

USER root
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        postgresql python3-venv \
    && if [ "$(dpkg --print-architecture)" = amd64 ]; then \
        curl -fsSL -o /tmp/chrome.deb \
            https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/chrome.deb \
        && rm /tmp/chrome.deb; \
    fi \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /var/lib/aftersales \
    && chown odoo:odoo /var/lib/aftersales
# scripts/test keeps its cluster, venv and logs in a volume, not in the mounted checkout.
ENV AFTERSALES_LOCAL=/var/lib/aftersales \
    PYTHON=python3 \
    PYTHONDONTWRITEBYTECODE=1 \
    RUFF_CACHE_DIR=/var/lib/aftersales/ruff-cache
COPY --chown=odoo:odoo . /opt/aftersales
WORKDIR /opt/aftersales
USER odoo
