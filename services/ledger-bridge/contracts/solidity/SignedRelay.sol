// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @notice Shared checks for actions relayed with an EIP-712 signature: the platform pays the gas, the signer
///         (clinic or patient) authorises. Each signature carries the signer's next nonce and a deadline, so it
///         can be used once and only while fresh.
abstract contract SignedRelay is EIP712, Nonces {
    /// The signature's deadline (unix seconds) is before the current block.
    error ExpiredSignature(uint256 deadline);
    /// The signature does not recover to the account it claims to be from.
    error InvalidSigner(address expected);

    constructor(string memory name) EIP712(name, "1") {}

    /// The domain separator for this chain and contract, for off-chain signers and tests.
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// Reverts unless `signature` is `signer`'s over `structHash`, the deadline has not passed and `nonce` is
    /// the signer's next one (which it then consumes: a replay reverts with `InvalidAccountNonce`).
    function _useSignature(
        address signer,
        bytes32 structHash,
        uint256 nonce,
        uint256 deadline,
        bytes calldata signature
    ) internal {
        if (block.timestamp > deadline) revert ExpiredSignature(deadline);
        (address recovered, ECDSA.RecoverError error, ) = ECDSA.tryRecoverCalldata(
            _hashTypedDataV4(structHash),
            signature
        );
        if (error != ECDSA.RecoverError.NoError || recovered != signer) revert InvalidSigner(signer);
        _useCheckedNonce(signer, nonce);
    }
}
