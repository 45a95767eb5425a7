# Shared by the scripts in this directory: make sure a virtual environment
# holds the framework and QuickWiki, installed editable with the extras
# given as the first argument (e.g. "test,postgresql").
#
# PYTHON names the interpreter (python3 by default). The default one's
# environment is .venv; another's is .venv-X.Y (its version), so that the
# environments of several Pythons live side by side. pip runs only when the
# packaging files (setup.py, setup.cfg, pyproject.toml, of QuickWiki or of
# the framework) changed since the last install, or new extras are asked for.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}

if ! version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 10))' 2>/dev/null); then
    echo "QuickWiki needs Python 3.10 or newer; ${python} is $("$python" -V 2>&1 || echo "not there")." >&2
    exit 1
fi
if [ -n "${PYTHON:-}" ]; then
    venv="$repo/.venv-$version"
else
    venv="$repo/.venv"
fi
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi

extras=${1:-}
stamp="$venv/.quickwiki-installed"
# The stamp holds the packaging files' fingerprint and the extras installed.
fingerprint=$(cd "$repo" && "$venv/bin/python" -c '
import hashlib, os, sys
digest = hashlib.sha256()
for name in sys.argv[1:]:
    if os.path.exists(name):
        with open(name, "rb") as packaging:
            digest.update(name.encode() + b"\0" + packaging.read() + b"\0")
print(digest.hexdigest())
' setup.py setup.cfg pyproject.toml \
  framework/setup.py framework/setup.cfg framework/pyproject.toml)
installed_fingerprint=""
installed_extras=""
if [ -f "$stamp" ]; then
    read -r installed_fingerprint installed_extras < "$stamp" || true
fi
missing=""
for extra in ${extras//,/ }; do
    case ",$installed_extras," in
        *",$extra,"*) ;;
        *) missing="$missing,$extra" ;;
    esac
done
if [ "$installed_fingerprint" != "$fingerprint" ] || [ -n "$missing" ]; then
    if [ "$installed_fingerprint" = "$fingerprint" ]; then
        # pip leaves the extras installed before; the stamp lists them all.
        extras="${installed_extras}${missing}"
        extras=${extras#,}
    fi
    app="$repo"
    framework="$repo/framework"
    if [ -n "$extras" ]; then
        app="$repo[$extras]"
    fi
    case ",$extras," in
        *",test,"*) framework="$repo/framework[test]" ;;
    esac
    echo "Installing the framework and QuickWiki${extras:+ (with $extras)} into ${venv#"$repo"/}..."
    rm -f "$stamp"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        -e "$framework" -e "$app"
    echo "$fingerprint $extras" > "$stamp"
fi
