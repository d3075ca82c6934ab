-- One database per service (DESIGN.md: services never read another service's database).
-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d), as the
-- POSTGRES_USER of docker-compose.yml, which owns them all: fine on a laptop. In production each
-- service gets its own role that owns only its own database (see deploy/README.md).
--
-- eorder_sandboxbank is the sandbox bank's (docker compose --profile sandbox). A data volume made
-- before it was listed here lacks it: `docker compose exec postgres createdb -U eorder eorder_sandboxbank`.
CREATE DATABASE eorder_gateway;
CREATE DATABASE eorder_catalog;
CREATE DATABASE eorder_vendors;
CREATE DATABASE eorder_orders;
CREATE DATABASE eorder_payments;
CREATE DATABASE eorder_sandboxbank;
