# astnet: `make run` serves the demo site, `make test` runs the whole suite. Both set themselves up.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run test bench build install lint messages clean backup restore lock

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(STAMP) node_modules/.package-lock.json

# Translations and static files; SECRET_KEY is only needed to import the settings here.
build: install
	SECRET_KEY=build-only $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0
	SECRET_KEY=build-only STATIC_MANIFEST=1 $(MANAGE) collectstatic --noinput -v 0

# A real Celery worker runs beside the development server; without Redis its queue is a folder
# (kombu's filesystem transport), so reports take the same path as in production.
RUN_ENV := DEBUG=1 $(if $(REDIS_URL),,CELERY_BROKER_DIR=var/broker)
run: build
	$(RUN_ENV) $(MANAGE) migrate --noinput -v 0
	$(RUN_ENV) $(MANAGE) seed_demo
	$(RUN_ENV) $(BIN)/celery -A astnet worker --pool=solo --loglevel=WARNING & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(MANAGE) runserver 127.0.0.1:8000

test: build
	SECRET_KEY=$${SECRET_KEY:-test-only-$$(date +%s)} STATIC_MANIFEST=0 $(BIN)/pytest -q

# City-scale benchmarks on PostgreSQL and Redis (not part of `make test`); see tests/perf/RESULTS.md.
bench: build
	$(BIN)/python tests/perf/run_bench.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

messages: install
	SECRET_KEY=build-only $(MANAGE) makemessages -l da -l en --ignore=.venv --ignore=node_modules --ignore=var

# PostgreSQL only: a custom-format dump of DATABASE_URL, and its restore into DATABASE_URL.
BACKUP_DIR ?= var/backups
BACKUP_FILE ?= $(BACKUP_DIR)/astnet-$(shell date +%Y%m%d-%H%M%S).dump
backup:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the PostgreSQL database to back up."; exit 2; }
	mkdir -p $(dir $(BACKUP_FILE))
	pg_dump --format=custom --no-owner --file="$(BACKUP_FILE)" "$(DATABASE_URL)"
	@echo "Backup written to $(BACKUP_FILE)"

restore:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to the PostgreSQL database to restore into."; exit 2; }
	@test -f "$(FILE)" || { echo "Give the dump to restore: make restore FILE=var/backups/....dump"; exit 2; }
	pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$(DATABASE_URL)" "$(FILE)"

clean:
	rm -rf $(VENV) node_modules var/static

# The image installs exactly these packages, each checked against its hash (docker-compose.yml).
lock: install
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file=requirements.lock pyproject.toml
