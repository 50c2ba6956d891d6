/*
 * Copyright 2026 the vkdva authors
 *
 * This library is free software; you can redistribute it and/or
 * modify it under the terms of the GNU Lesser General Public
 * License as published by the Free Software Foundation; either
 * version 2.1 of the License, or (at your option) any later version.
 *
 * This library is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU
 * Lesser General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public
 * License along with this library; if not, write to the Free Software
 * Foundation, Inc., 51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA
 */

#include "output.h"
#include <errno.h>
#include <string.h>
#include <openssl/evp.h>

static void print_md5(const unsigned char *digest, unsigned int size)
{
    unsigned int i;

    for (i = 0; i < size; ++i)
        printf("%02x", digest[i]);
    printf("\n");
}

bool output_init(struct output *output, const char *path, bool md5, bool frame_md5)
{
    memset(output, 0, sizeof(*output));
    output->frame_md5 = frame_md5;
    if (path && !(output->file = fopen(path, "wb")))
    {
        fprintf(stderr, "Cannot create \"%s\": %s.\n", path, strerror(errno));
        return false;
    }
    if (md5)
    {
        if (!(output->md5 = EVP_MD_CTX_new()) || !EVP_DigestInit_ex(output->md5, EVP_md5(), NULL))
        {
            fprintf(stderr, "Cannot initialise MD5.\n");
            return false;
        }
    }
    return true;
}

bool output_wants_frames(const struct output *output)
{
    return output->file || output->md5 || output->frame_md5;
}

bool output_write_frame(struct output *output, const uint8_t *data, size_t size)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size;

    if (output->file && fwrite(data, 1, size, output->file) != size)
    {
        fprintf(stderr, "Write error: %s.\n", strerror(errno));
        return false;
    }
    if (output->md5 && !EVP_DigestUpdate(output->md5, data, size))
        return false;
    if (output->frame_md5)
    {
        if (!EVP_Digest(data, size, digest, &digest_size, EVP_md5(), NULL))
            return false;
        printf("%u: ", output->frame_count);
        print_md5(digest, digest_size);
    }
    ++output->frame_count;
    return true;
}

bool output_finish(struct output *output, bool print)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size;
    bool ret = true;

    if (output->md5)
    {
        if (!EVP_DigestFinal_ex(output->md5, digest, &digest_size))
            ret = false;
        else if (print)
            print_md5(digest, digest_size);
        EVP_MD_CTX_free(output->md5);
        output->md5 = NULL;
    }
    if (output->file)
    {
        if (fclose(output->file))
        {
            fprintf(stderr, "Write error: %s.\n", strerror(errno));
            ret = false;
        }
        output->file = NULL;
    }
    return ret;
}
