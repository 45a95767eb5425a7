# Shared by the scripts in this directory: make sure a virtual environment
# holds the framework and QuickWiki, installed editable with the extras
# given as the first argument (e.g. "test,postgresql").
#
# PYTHON names the interpreter (python3 by default). The default one's
# environment is .venv; another's is .venv-X.Y (its version), so that the
# environments of several Pythons live side by side. pip runs only when the
# packaging files (setup.py, setup.cfg, pyproject.toml, of QuickWiki or of
# the framework) or the lock changed since the last install, or new extras
# are asked for.
#
# Every version comes from the lock of this Python, requirements/py3.X.txt
# (scripts/lock writes them), given to pip as constraints; PIP_CONSTRAINT
# keeps it for what the caller installs next (bench/run's peers, the
# projects the framework's tests install).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}

if ! version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2]); sys.exit(sys.version_info < (3, 10))' 2>/dev/null); then
    echo "QuickWiki needs Python 3.10 or newer; ${python} is $("$python" -V 2>&1 || echo "not there")." >&2
    exit 1
fi
lock="$repo/requirements/py$version.txt"
if [ -n "${QUICKWIKI_NEWEST:-}" ]; then
    # The newest releases the packages' ranges allow, in an environment of
    # their own, upgraded at every run: drift shows here before a lock
    # takes it in.
    venv="$repo/.venv-newest-$version"
elif [ ! -f "$lock" ]; then
    echo "QuickWiki has no lock for Python $version (requirements/py$version.txt): use Python 3.10 to 3.13." >&2
    exit 1
elif [ -n "${PYTHON:-}" ]; then
    venv="$repo/.venv-$version"
else
    venv="$repo/.venv"
fi
if [ -z "${QUICKWIKI_NEWEST:-}" ]; then
    export PIP_CONSTRAINT="$lock"
else
    # Nor a lock the caller's environment names: tox sets one for all
    # its environments, tox -e newest's included.
    unset PIP_CONSTRAINT
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
  framework/setup.py framework/setup.cfg framework/pyproject.toml \
  "requirements/py$version.txt")
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
if [ -n "${QUICKWIKI_NEWEST:-}" ]; then
    pip_options=(--upgrade --upgrade-strategy eager)
    installed_fingerprint=""
else
    pip_options=()
fi
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
        "${pip_options[@]}" -e "$framework" -e "$app"
    echo "$fingerprint $extras" > "$stamp"
fi
