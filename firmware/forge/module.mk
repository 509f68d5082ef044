# firmware/forge: Forge API parsing side (query, page, error body, snapshot, paging).
FW_SRCS += firmware/forge/forge_json.c firmware/forge/forge_time.c \
           firmware/forge/forge_record.c \
           firmware/forge/forge_page.c \
           firmware/forge/forge_error.c firmware/forge/forge_query.c \
           firmware/forge/forge_snapshot.c firmware/forge/forge_paging.c \
           firmware/forge/forge_sort.c firmware/forge/forge_client.c
