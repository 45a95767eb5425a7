# Shared by the scripts in this directory: make sure .venv exists and
# holds the framework and QuickWiki, installed editable with the extras
# given as arguments (e.g. "test").
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$repo/.venv"
python=${PYTHON:-python3}

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    echo "QuickWiki needs Python 3.10 or newer; $python is $("$python" -V 2>&1)." >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
extras=${1:-}
app="$repo"
framework="$repo/framework"
if [ -n "$extras" ]; then
    app="$repo[$extras]"
    framework="$repo/framework[test]"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -e "$framework" -e "$app"
