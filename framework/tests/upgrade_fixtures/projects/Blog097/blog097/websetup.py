"""Setup the blog097 application"""
import logging

from blog097.config.environment import load_environment

log = logging.getLogger(__name__)

def setup_app(command, conf, vars):
    """Place any commands to setup blog097 here"""
    load_environment(conf.global_conf, conf.local_conf)
