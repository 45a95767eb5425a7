"""What ``paster setup-app`` runs for the sample application."""

calls = []


def setup_app(command, conf, vars):
    calls.append(
        {"filename": conf.filename, "marker": conf.local_conf["marker"], "vars": vars}
    )
