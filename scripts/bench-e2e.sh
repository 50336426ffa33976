#!/usr/bin/env bash
# The end-to-end bench: builds the release careerbot and the floor bot, then runs
# benches/e2e.rs (the bots against a loopback fake Bot API). Arguments go to the bench:
#   scripts/bench-e2e.sh [--runs N] [--no-throughput] [--only careerbot|floor]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin careerbot --example floor_bot
exec cargo bench --quiet --bench e2e -- "$@"
