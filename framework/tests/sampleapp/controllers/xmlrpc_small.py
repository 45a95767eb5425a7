"""An XML-RPC controller with a small body limit that may return None."""

from tests.sampleapp.controllers.xmlrpc_calc import XmlrpcCalcController


class XmlrpcSmallController(XmlrpcCalcController):
    max_body_length = 300
    allow_none = True
