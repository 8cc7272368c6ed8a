"""List the industrial parks of a city.

    python list_parks.py --city Hohhot [--addr localhost:50051]

Prints one line per park: resource name, name, level, kind. Needs the generated client on
PYTHONPATH (see README.md).
"""

import argparse
import sys

import grpc

from parkgraph.v1 import park_service_pb2, park_service_pb2_grpc, resources_pb2


def quote(text: str) -> str:
    """A filter string literal: double quotes, with backslash escapes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addr", default="localhost:50051", help="server address (default: %(default)s)")
    parser.add_argument("--city", required=True, help="city or league, English name, e.g. Hohhot")
    args = parser.parse_args()

    with grpc.insecure_channel(args.addr) as channel:
        parks = park_service_pb2_grpc.ParkServiceStub(channel)
        request = park_service_pb2.ListParksRequest(filter=f"city = {quote(args.city)}", page_size=100)
        count = 0
        try:
            while True:  # follow next_page_token to the last page
                reply = parks.ListParks(request, timeout=10)
                for park in reply.parks:
                    count += 1
                    print(
                        park.name,
                        park.name_en or park.name_zh,
                        resources_pb2.ParkLevel.Name(park.level),
                        resources_pb2.ParkKind.Name(park.kind),
                        sep="\t",
                    )
                if not reply.next_page_token:
                    break
                request.page_token = reply.next_page_token
        except grpc.RpcError as err:
            print(f"error: {err.code().name}: {err.details()}", file=sys.stderr)
            return 1
    print(f"{count} park(s) in {args.city}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
